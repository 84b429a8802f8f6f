import path from "node:path";
import { env } from "@/env";

/** `<ASTERISK_SPOOL_DIR>/monitor`, where MixMonitor writes relative file names; null when unset. */
export function recordingsRoot(): string | null {
  return env.ASTERISK_SPOOL_DIR ? path.resolve(env.ASTERISK_SPOOL_DIR, "monitor") : null;
}
