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
  /** Inbound numbers (DIDs): E.164-ish, an optional '+' and 2–20 digits. */
  did: /^\+?[0-9]{2,20}$/,
  /**
   * A caller number or caller pattern (block/allow lists, caller-ID rules): a dialable number, or
   * an Asterisk pattern `_…` of digits, X, N, Z, '.', '!', '*', '#', '+' and balanced one-level
   * classes of digits and ranges (`[1-5]`). No ';', ',', '$', braces, parentheses or spaces.
   */
  callerPattern: /^(?:[0-9*#+]{1,32}|_(?:[0-9XNZ.!*#+]|\[[0-9]+(?:-[0-9]+)*\]){1,40})$/,
  // ---- outbound routing (trunks, routes) ----
  /** Trunk names: pjsip section ids; a letter first so they never look like an extension number. */
  trunkName: /^[A-Za-z][A-Za-z0-9_-]{0,39}$/,
  /** Carrier host names and IPv4 addresses (no ports, schemes or user parts). */
  host: /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  /** SIP user parts for carrier accounts (username, from user). */
  sipUser: /^[A-Za-z0-9._+-]{1,64}$/,
  /** Carrier passwords: no quotes, `;`, `#`, `$`, brackets, braces, commas or spaces. */
  trunkSecret: /^[A-Za-z0-9!@%^*_+=.:/~-]{1,64}$/,
  /**
   * Asterisk dial patterns: a literal dial string, or `_` then X N Z, digits, `*#+`, balanced
   * digit sets like [1-5] or [0137-9], and optionally one `.` or `!` at the very end. The regex
   * itself balances the brackets (sets can't nest), so nothing else can slip into the dialplan.
   */
  dialPattern: /^(?=.{1,40}$)(?:[0-9*#+]+|_(?:[0-9*#+XNZ]|\[(?:[0-9](?:-[0-9])?)+\])+[.!]?)$/,
  /** Prepend digits on an outbound route: like dial, but may be empty. */
  dialOrEmpty: /^[0-9*#+]{0,32}$/,
  /** E-mail addresses written into voicemail.conf (no `,` or `|`, its separators). */
  email: /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}$/,
  // --- IVR, time conditions and the sound library ---
  /** A sound file as Playback/Read/MOH name it: an absolute path without extension, no "..". */
  soundFile: /^(?!.*\.\.)\/[A-Za-z0-9_./-]{1,240}$/,
  /** Month names as GotoIfTime spells them. */
  monthName: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)$/,
  /** A day-of-month range for GotoIfTime: 1-31 or 24-31. */
  dayRange: /^([1-9]|[12][0-9]|3[01])(-([1-9]|[12][0-9]|3[01]))?$/,
  /** One IVR menu key. */
  menuKey: /^[0-9*#]$/,
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
  did: "Use an optional '+' and 2 to 20 digits.",
  callerPattern:
    "Use a number (digits, '*', '#', '+') or a pattern starting with '_' (digits, X, N, Z, '.', '!', and classes like [1-5]).",
  trunkName: "Start with a letter; then up to 39 letters, digits, '-' or '_'.",
  host: "Use a host name or IPv4 address (letters, digits, '-' and '.').",
  sipUser: "Use up to 64 letters, digits, '.', '_', '+' or '-'.",
  trunkSecret: "Use up to 64 letters, digits and ! @ % ^ * _ + = . : / ~ -",
  dialPattern:
    "Use digits, * # +, or a pattern: '_' then X N Z, digits, sets like [1-5], and '.' or '!' at the end.",
  dialOrEmpty: "Use digits, '*', '#' and '+' only.",
  email: "Use a plain e-mail address (letters, digits, . _ % + - and one @).",
  soundFile: "A sound path is absolute and uses letters, digits, '.', '-', '_' and '/' only.",
  monthName: "Unknown month.",
  dayRange: "Use a day of the month or a range like 24-31.",
  menuKey: "A key is 0–9, * or #.",
};

export const CODECS = ["ulaw", "alaw", "g722", "opus", "gsm", "g729"] as const;
export type Codec = (typeof CODECS)[number];

export function allows(name: AllowlistName, value: string): boolean {
  return ALLOW[name].test(value);
}
