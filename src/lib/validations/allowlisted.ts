import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES, type AllowlistName } from "@/lib/asterisk/allowlists";

/** Longest text any allowlisted field accepts before the pattern is even tried (bounds the work). */
const MAX_RAW = 200;

/**
 * A string that must match one of the Asterisk allowlists. Only ASCII spaces are trimmed: a
 * newline, tab or NUL at either end is an error, never silently dropped, so what reaches the
 * config is exactly what was checked.
 */
export function allowlisted(name: AllowlistName, options: { empty?: string } = {}) {
  return z.string({ message: ALLOW_MESSAGES[name] }).transform((raw, ctx) => {
    const value = raw.length > MAX_RAW ? raw : raw.replace(/^ +| +$/g, "");
    if (value === "" && options.empty) {
      ctx.addIssue({ code: "custom", message: options.empty });
      return z.NEVER;
    }
    if (!ALLOW[name].test(value)) {
      ctx.addIssue({ code: "custom", message: ALLOW_MESSAGES[name] });
      return z.NEVER;
    }
    return value;
  });
}

/** Extension, group and queue numbers: 2–8 digits. */
export const numberField = allowlisted("extensionNumber", { empty: "Enter a number." });

/** A name that may end up in a config comment or caller-ID name. */
export const displayNameField = allowlisted("displayName", { empty: "Enter a name." });

/** A whole number in a range, with one clear message for anything else (text, NaN, decimals). */
export function intField(min: number, max: number, unit = "") {
  const message = `Enter a whole number from ${min} to ${max}${unit}.`;
  return z.number({ message }).int(message).min(min, message).max(max, message);
}
