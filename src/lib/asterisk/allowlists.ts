/**
 * The per-field allowlists for everything that reaches an Asterisk config file, an AMI header or
 * a shell. zod validations (what users type) and the renderer's guard (what the database holds,
 * however it got there) both use these, so the two can never disagree.
 *
 * None of them admits control characters, `;`, `[`, `#`, `$`, `{`, `}`, `,`, `&`, `|`, `(`, `)`,
 * quotes or newlines: config comments, sections, directives, dialplan expressions and argument
 * separators are all impossible by construction.
 */
export const ALLOW = {
  /** Section names, contexts, classes, queue and group identifiers. */
  identifier: /^[A-Za-z0-9_-]{1,64}$/,
  /** Dialable strings: extension numbers, caller IDs, VIP numbers. */
  dial: /^[0-9*#+]{1,32}$/,
  digits: /^[0-9]{1,32}$/,
  /** Extension, group and queue numbers. */
  extensionNumber: /^[0-9]{2,8}$/,
  /** Human names that end up in caller-ID names or comments. */
  displayName: /^[A-Za-z0-9 ._-]{1,40}$/,
  /** Generated SIP secrets (base62). */
  sipSecret: /^[A-Za-z0-9]{16,64}$/,
  /** Voicemail PINs. */
  pin: /^[0-9]{4,10}$/,
  /** A small non-negative integer as text. */
  integer: /^[0-9]{1,6}$/,
  /** Codec names Asterisk knows. */
  codec: /^(ulaw|alaw|g722|opus|gsm|g729)$/,
  /** HH:MM, 24-hour. */
  time: /^([01][0-9]|2[0-3]):[0-5][0-9]$/,
  /** Day names as GotoIfTime spells them. */
  weekday: /^(sun|mon|tue|wed|thu|fri|sat)$/,
  /** IANA time-zone names (Europe/London, America/Argentina/Buenos_Aires, Etc/GMT+3). */
  timezone: /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/,
} as const;

export type AllowlistName = keyof typeof ALLOW;

export const ALLOW_MESSAGES: Record<AllowlistName, string> = {
  identifier: "Use 1–64 letters, digits, '-' or '_'.",
  dial: "Use digits, '*', '#' and '+' only.",
  digits: "Use digits only.",
  extensionNumber: "Use 2 to 8 digits.",
  displayName: "Use up to 40 letters, digits, spaces, '.', '-' or '_'.",
  sipSecret: "A SIP secret is 16–64 letters and digits.",
  pin: "A PIN is 4 to 10 digits.",
  integer: "Enter a whole number.",
  codec: "Unknown codec.",
  time: "Use HH:MM, 24-hour.",
  weekday: "Unknown day.",
  timezone: "Use an IANA time-zone name.",
};

export const CODECS = ["ulaw", "alaw", "g722", "opus", "gsm", "g729"] as const;
export type Codec = (typeof CODECS)[number];

export function allows(name: AllowlistName, value: string): boolean {
  return ALLOW[name].test(value);
}
