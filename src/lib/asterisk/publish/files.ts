import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CONFIG_FILE_NAMES, type ConfigFile } from "../compiler/render";

export function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The include files as they are on disk now; a missing file reads as null. */
export async function readLiveFiles(dir: string): Promise<Map<ConfigFile, string | null>> {
  const out = new Map<ConfigFile, string | null>();
  for (const name of CONFIG_FILE_NAMES) {
    out.set(name, await readFile(path.join(dir, name), "utf8").catch(() => null));
  }
  return out;
}

/**
 * Writes one file so that Asterisk never reads half of it: a temp file in the same directory
 * (same filesystem), then an atomic rename over the old one.
 */
export async function writeAtomic(dir: string, name: ConfigFile, content: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, content, { mode: 0o640 });
    await rename(tmp, path.join(dir, name));
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** Restores a file to what it was; null means it did not exist. */
export async function restoreFile(dir: string, name: ConfigFile, previous: string | null): Promise<void> {
  if (previous === null) await rm(path.join(dir, name), { force: true });
  else await writeAtomic(dir, name, previous);
}
