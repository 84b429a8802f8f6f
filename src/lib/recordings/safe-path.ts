import { realpath } from "node:fs/promises";
import path from "node:path";

/**
 * Resolves a stored relative path against the recordings root and returns the real path, or
 * null when it is anything but a file name strictly inside the root: absolute paths, `..`,
 * NUL bytes, and symlinks (file or directory) that lead outside all come back null. Both sides
 * go through realpath, so a root that is itself a symlink still works.
 */
export async function resolveUnderRoot(root: string, relative: string): Promise<string | null> {
  if (!relative || relative.includes("\0") || path.isAbsolute(relative)) return null;
  if (relative.split(/[\\/]/).some((part) => part === ".." || part === "")) return null;
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(path.join(realRoot, relative));
  } catch {
    return null;
  }
  return isInside(realRoot, real) ? real : null;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
