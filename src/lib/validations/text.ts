import { z } from "zod";

/** True when the text holds a C0 control character (newline, NUL, ESC, …) or DEL. */
export function hasControlChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Free text shown in the UI only (never config): any printable text, no control characters. */
export const plainText = (max: number, message = "Line breaks and control characters are not allowed.") =>
  z
    .string()
    .max(max, `Use at most ${max} characters.`)
    .refine((v) => !hasControlChars(v), message);
