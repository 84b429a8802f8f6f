import { randomBytes } from "node:crypto";
import { ALLOW } from "@/lib/asterisk/allowlists";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const SIP_SECRET_LENGTH = 32;

/**
 * A fresh SIP secret: 32 base62 characters (about 190 bits) from crypto.randomBytes. Bytes of
 * 248 and above are thrown away so that every character is equally likely (no modulo bias).
 */
export function generateSipSecret(length = SIP_SECRET_LENGTH): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= 248) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  if (!ALLOW.sipSecret.test(out)) throw new Error("generated SIP secret fails its allowlist");
  return out;
}
