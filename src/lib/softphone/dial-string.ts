/**
 * What the phone may dial. Only digits, `*`, `#` and `+` ever reach a SIP URI: the number is
 * checked against this allowlist after removing the separators people type (spaces, dashes,
 * dots, parentheses). Used by the dialer, transfers, the `switchboard:dial` event and the
 * directory search alike.
 */
export const DIAL_STRING = /^[0-9*#+]+$/;
export const MAX_DIAL_LENGTH = 32;

export type DialCheck = { ok: true; number: string } | { ok: false; error: string };

export function parseDialString(input: unknown): DialCheck {
  if (typeof input !== "string") return { ok: false, error: "Enter a number to dial." };
  const number = input.replace(/[ \-().]/g, "");
  if (!number) return { ok: false, error: "Enter a number to dial." };
  if (number.length > MAX_DIAL_LENGTH) {
    return { ok: false, error: `A number has at most ${MAX_DIAL_LENGTH} digits.` };
  }
  if (!DIAL_STRING.test(number)) {
    return { ok: false, error: "Only digits, *, # and + can be dialed." };
  }
  return { ok: true, number };
}

/** The SIP URI for a checked number on the account's domain. */
export function dialUri(number: string, domain: string): string {
  if (!DIAL_STRING.test(number)) throw new Error("dialUri: number failed the dial-string allowlist");
  // RFC 3261: '#' is not allowed unescaped in a URI user part.
  return `sip:${number.replace(/#/g, "%23")}@${domain}`;
}
