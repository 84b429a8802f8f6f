import { z } from "zod";
import { type Env, env } from "@/env";
import { hasControlChars, plainText } from "@/lib/validations/text";

/**
 * Every setting the settings page edits: its group, how it is shown, the env variable that
 * overrides it, and the allowlist its value must pass. Values that reach AMI headers or
 * Asterisk config (hosts, users) are held to strict character classes here.
 */
export type SettingKind = "text" | "secret" | "number" | "textarea" | "select";

export type SettingDef = {
  key: string;
  label: string;
  group: SettingGroup;
  kind: SettingKind;
  envVar: keyof Env;
  schema: z.ZodType<string>;
  defaultValue?: string;
  help?: string;
  placeholder?: string;
  /** For kind "select": the values offered (the schema must accept exactly these). */
  options?: readonly { value: string; label: string }[];
};

export const SETTING_GROUPS = {
  asterisk: "Asterisk connection",
  general: "General",
  smtp: "E-mail (SMTP)",
  webrtc: "Browser phones (STUN/TURN)",
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

const host = z
  .string()
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/,
    "Enter a host name or IP address.",
  );
const port = z
  .string()
  .regex(/^\d{1,5}$/, "Enter a port number.")
  .refine((v) => Number(v) >= 1 && Number(v) <= 65535, "Ports run from 1 to 65535.");
const identifier = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, '-' and '_' only.");
const secret = plainText(256, "Control characters and line breaks are not allowed.");
const url = (protocols: string[], message: string) =>
  z
    .string()
    .max(500)
    .refine((v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && !hasControlChars(v) && !/\s/.test(v);
      } catch {
        return false;
      }
    }, message);
const timezone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, "Unknown time zone; use an IANA name such as Europe/London.");
const retention = z
  .string()
  .regex(/^\d{1,5}$/, "Enter a whole number of days, or leave empty to keep everything.")
  .refine((v) => Number(v) >= 1, "Use at least 1 day, or leave empty to keep everything.");
const email = z.string().email("Enter an e-mail address.").max(254);
const stunList = z
  .string()
  .max(2000)
  .refine(
    (v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .every((l) => /^stuns?:[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(l)),
    "One STUN URL per line, such as stun:stun.example.com:3478.",
  );

export const SETTINGS: readonly SettingDef[] = [
  {
    key: "ami.host",
    label: "AMI host",
    group: "asterisk",
    kind: "text",
    envVar: "AMI_HOST",
    schema: host,
    placeholder: "127.0.0.1",
  },
  {
    key: "ami.port",
    label: "AMI port",
    group: "asterisk",
    kind: "number",
    envVar: "AMI_PORT",
    schema: port,
    defaultValue: "5038",
  },
  {
    key: "ami.user",
    label: "AMI user",
    group: "asterisk",
    kind: "text",
    envVar: "AMI_USER",
    schema: identifier,
  },
  {
    key: "ami.secret",
    label: "AMI secret",
    group: "asterisk",
    kind: "secret",
    envVar: "AMI_SECRET",
    schema: secret,
  },
  {
    key: "ari.url",
    label: "ARI URL",
    group: "asterisk",
    kind: "text",
    envVar: "ARI_URL",
    schema: url(["http:", "https:"], "Enter an http(s) URL, such as http://127.0.0.1:8088/ari."),
    placeholder: "http://127.0.0.1:8088/ari",
  },
  {
    key: "ari.user",
    label: "ARI user",
    group: "asterisk",
    kind: "text",
    envVar: "ARI_USER",
    schema: identifier,
  },
  {
    key: "ari.password",
    label: "ARI password",
    group: "asterisk",
    kind: "secret",
    envVar: "ARI_PASSWORD",
    schema: secret,
  },
  {
    key: "sip.wsUrl",
    label: "SIP WebSocket URL (browsers)",
    group: "asterisk",
    kind: "text",
    envVar: "SIP_WS_URL",
    schema: url(["ws:", "wss:"], "Enter a ws:// or wss:// URL, such as wss://pbx.example.com:8089/ws."),
    placeholder: "wss://pbx.example.com:8089/ws",
    help: "Browsers need wss:// with a trusted certificate anywhere but localhost.",
  },
  {
    key: "general.timezone",
    label: "Time zone",
    group: "general",
    kind: "text",
    envVar: "TIMEZONE",
    schema: timezone,
    defaultValue: "UTC",
    help: "Used for schedules, reports and time conditions.",
  },
  {
    key: "panel.agentsSeePeers",
    label: "Agents see their queues' other agents",
    group: "general",
    kind: "select",
    envVar: "PANEL_AGENTS_SEE_PEERS",
    schema: z.enum(["yes", "no"], { message: "Choose yes or no." }),
    defaultValue: "no",
    options: [
      { value: "yes", label: "Yes" },
      { value: "no", label: "No" },
    ],
    help: "On the live panel, agents always see themselves and their queues; this adds the other agents of those queues.",
  },
  {
    key: "general.retentionDays",
    label: "Data retention (days)",
    group: "general",
    kind: "number",
    envVar: "RETENTION_DAYS",
    schema: retention,
    help: "Empty keeps everything (off).",
  },
  { key: "smtp.host", label: "SMTP host", group: "smtp", kind: "text", envVar: "SMTP_HOST", schema: host },
  {
    key: "smtp.port",
    label: "SMTP port",
    group: "smtp",
    kind: "number",
    envVar: "SMTP_PORT",
    schema: port,
    defaultValue: "587",
  },
  {
    key: "smtp.user",
    label: "SMTP user",
    group: "smtp",
    kind: "text",
    envVar: "SMTP_USER",
    schema: plainText(254),
  },
  {
    key: "smtp.password",
    label: "SMTP password",
    group: "smtp",
    kind: "secret",
    envVar: "SMTP_PASSWORD",
    schema: secret,
  },
  {
    key: "smtp.from",
    label: "From address",
    group: "smtp",
    kind: "text",
    envVar: "SMTP_FROM",
    schema: email,
    placeholder: "pbx@example.com",
  },
  {
    key: "webrtc.stun",
    label: "STUN servers",
    group: "webrtc",
    kind: "textarea",
    envVar: "STUN_SERVERS",
    schema: stunList,
    help: "One per line.",
  },
  {
    key: "webrtc.turnUrl",
    label: "TURN URL",
    group: "webrtc",
    kind: "text",
    envVar: "TURN_URL",
    schema: url(["turn:", "turns:"], "Enter a turn: or turns: URL."),
    placeholder: "turns:turn.example.com:5349",
  },
  {
    key: "webrtc.turnUser",
    label: "TURN user",
    group: "webrtc",
    kind: "text",
    envVar: "TURN_USER",
    schema: identifier,
  },
  {
    key: "webrtc.turnPassword",
    label: "TURN password",
    group: "webrtc",
    kind: "secret",
    envVar: "TURN_PASSWORD",
    schema: secret,
  },
];

export const SETTINGS_BY_KEY = new Map(SETTINGS.map((s) => [s.key, s]));

export function envOverride(def: SettingDef): string | undefined {
  const v = env[def.envVar];
  return typeof v === "string" && v !== "" ? v : undefined;
}
