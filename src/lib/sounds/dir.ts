import os from "node:os";
import path from "node:path";
import { env } from "@/env";

/**
 * The sound library's directory, absolute: ASTERISK_SOUNDS_DIR, else `<DATA_DIR>/sounds` (a temp
 * directory when DATA_DIR is `memory://`). Asterisk reads `<dir>/<id>.wav` by this same path.
 */
export function soundsDir(): string {
  if (env.ASTERISK_SOUNDS_DIR) return path.resolve(env.ASTERISK_SOUNDS_DIR);
  const base = env.DATA_DIR.startsWith("memory://") ? path.join(os.tmpdir(), "switchboard") : env.DATA_DIR;
  return path.resolve(base, "sounds");
}

/** The converted file of a sound. `id` is a uuid from the database, never user input. */
export function soundFile(id: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Error("not a sound id");
  return path.join(soundsDir(), `${id}.wav`);
}

export function uploadMaxBytes(): number {
  return Math.round(env.SOUND_UPLOAD_MAX_MB * 1024 * 1024);
}
