import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants } from "node:fs";
import { createRequire } from "node:module";
import ffmpeg from "fluent-ffmpeg";

let resolved: string | null | undefined;

/**
 * The ffmpeg binary: the system one when it is on PATH, otherwise the one shipped by the
 * @ffmpeg-installer package. npm 11 skips that package's `chmod u+x` install script, so the
 * execute bit is set here on first use.
 */
export function ffmpegPath(): string | null {
  if (resolved !== undefined) return resolved;
  resolved = systemFfmpeg() ?? packagedFfmpeg();
  if (resolved) ffmpeg.setFfmpegPath(resolved);
  return resolved;
}

export { ffmpeg };

function systemFfmpeg(): string | null {
  try {
    const out = execFileSync("sh", ["-c", "command -v ffmpeg"], { encoding: "utf8" }).trim();
    return out || null;
  } catch {
    return null;
  }
}

function packagedFfmpeg(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { path } = require("@ffmpeg-installer/ffmpeg") as { path: string };
    try {
      accessSync(path, constants.X_OK);
    } catch {
      chmodSync(path, 0o755);
    }
    return path;
  } catch {
    return null;
  }
}
