import { describe, expect, it } from "vitest";
import { SETTINGS, SETTINGS_BY_KEY } from "./registry";

function accepts(key: string, value: string): boolean {
  const def = SETTINGS_BY_KEY.get(key);
  if (!def) throw new Error(`no setting ${key}`);
  return def.schema.safeParse(value).success;
}

// Header and config injection: AMI is a line protocol ("Key: value\r\n"), Asterisk .conf files
// use ';' for comments, and NUL truncates C strings. None of these may reach a host or user name.
const INJECTIONS = [
  "admin\r\nAction: Originate",
  "admin\nAction: Command",
  "admin\rx",
  "admin\u0000",
  "admin\u001b[2J",
  "admin\u007f",
  "admin;comment",
  "admin value",
  "admin\tvalue",
];

describe("settings registry", () => {
  it("has unique keys, and every key is in the lookup map", () => {
    expect(new Set(SETTINGS.map((s) => s.key)).size).toBe(SETTINGS.length);
    for (const s of SETTINGS) expect(SETTINGS_BY_KEY.get(s.key)).toBe(s);
  });

  it("gives every default value that passes its own schema", () => {
    for (const s of SETTINGS.filter((d) => d.defaultValue !== undefined)) {
      expect(s.schema.safeParse(s.defaultValue).success, s.key).toBe(true);
    }
  });
});

describe.each(["ami.host", "smtp.host"])("host setting %s", (key) => {
  it.each(["127.0.0.1", "localhost", "pbx.example.com", "pbx-1.internal", "::1", "[2001:db8::1]"])(
    "accepts %j",
    (v) => expect(accepts(key, v)).toBe(true),
  );

  it.each([
    ...INJECTIONS,
    "",
    "-pbx.example.com",
    "pbx..example.com",
    "pbx_example.com",
    "host:5038",
    "http://pbx",
    // One DNS label is at most 63 characters (non-hex, so it cannot pass as an IPv6 literal).
    "g".repeat(64),
  ])("rejects %j", (v) => expect(accepts(key, v)).toBe(false));
});

describe.each(["ami.user", "ari.user", "webrtc.turnUser"])("identifier setting %s", (key) => {
  it.each(["admin", "switchboard_ami", "ari-user-2", "A".repeat(64)])("accepts %j", (v) =>
    expect(accepts(key, v)).toBe(true),
  );

  it.each([...INJECTIONS, "", "user@example", "user.name", "A".repeat(65)])("rejects %j", (v) =>
    expect(accepts(key, v)).toBe(false),
  );
});

describe.each(["ami.secret", "ari.password", "smtp.password", "webrtc.turnPassword"])(
  "secret setting %s",
  (key) => {
    // Any printable text, ';' included: secrets go into AMI headers, where only line breaks matter;
    // whatever writes one into a .conf file must escape it there.
    it.each(["s3cret", "p@ss w0rd;#!=", "pässwörd ✓", "x".repeat(256)])("accepts %j", (v) =>
      expect(accepts(key, v)).toBe(true),
    );

    it.each([
      "s3cret\r\nAction: Originate",
      "s3cret\n",
      "s3cret\u0000",
      "s3cret\u001b",
      "s3cret\u007f",
      "x".repeat(257),
    ])("rejects %j", (v) => expect(accepts(key, v)).toBe(false));
  },
);

describe("URL settings", () => {
  it.each([
    ["ari.url", "http://127.0.0.1:8088/ari"],
    ["ari.url", "https://pbx.example.com/ari"],
    ["sip.wsUrl", "wss://pbx.example.com:8089/ws"],
    ["sip.wsUrl", "ws://localhost:8088/ws"],
    ["webrtc.turnUrl", "turns:turn.example.com:5349"],
    ["webrtc.turnUrl", "turn:turn.example.com:3478?transport=udp"],
  ])("%s accepts %j", (key, v) => expect(accepts(key, v)).toBe(true));

  it.each([
    ["ari.url", "javascript:alert(1)"],
    ["ari.url", "ftp://pbx.example.com/ari"],
    ["ari.url", "wss://pbx.example.com/ari"],
    ["ari.url", "http://pbx.example.com/ari\r\nX-Evil: 1"],
    ["ari.url", "http://pbx.exa\nmple.com/ari"],
    ["ari.url", "http://pbx.example.com/a b"],
    ["ari.url", "http://pbx.example.com/\u0000"],
    ["ari.url", "not a url"],
    ["ari.url", `http://pbx.example.com/${"a".repeat(500)}`],
    ["sip.wsUrl", "https://pbx.example.com/ws"],
    ["sip.wsUrl", "wss://pbx.example.com/ws\n"],
    ["webrtc.turnUrl", "stun:stun.example.com"],
    ["webrtc.turnUrl", "turns:turn.example.com\t"],
  ])("%s rejects %j", (key, v) => expect(accepts(key, v)).toBe(false));
});

describe("port settings", () => {
  it.each(["1", "5038", "65535"])("accepts %j", (v) => expect(accepts("ami.port", v)).toBe(true));
  it.each(["0", "65536", "99999", "-1", "5038;", "50 38", "5038\n", "0x10", "", "123456"])(
    "rejects %j",
    (v) => expect(accepts("ami.port", v)).toBe(false),
  );
});

describe("time zone setting", () => {
  it.each(["UTC", "Europe/London", "America/Argentina/Buenos_Aires", "Asia/Kolkata"])("accepts %j", (v) =>
    expect(accepts("general.timezone", v)).toBe(true),
  );
  it.each(["Mars/Olympus", "Europe/Londn", "", "Europe/London\n", "Europe/London;"])("rejects %j", (v) =>
    expect(accepts("general.timezone", v)).toBe(false),
  );
});

describe("other settings", () => {
  it("retention takes a whole number of days, at least 1", () => {
    expect(accepts("general.retentionDays", "30")).toBe(true);
    for (const v of ["0", "-1", "1.5", "30 days", "30\n"])
      expect(accepts("general.retentionDays", v), v).toBe(false);
  });

  it("the From address must be one e-mail address with no header tricks", () => {
    expect(accepts("smtp.from", "pbx@example.com")).toBe(true);
    for (const v of ["pbx@example.com\r\nBcc: x@evil.test", "pbx", "a@b.c, d@e.f"])
      expect(accepts("smtp.from", v), v).toBe(false);
  });

  it("the SMTP user is printable text without control characters", () => {
    expect(accepts("smtp.user", "mailer@example.com")).toBe(true);
    expect(accepts("smtp.user", "mailer\r\nRCPT TO:<x@evil.test>")).toBe(false);
  });

  it("STUN servers are one stun:/stuns: URL per line", () => {
    expect(accepts("webrtc.stun", "stun:stun.l.google.com:19302\nstuns:stun.example.com")).toBe(true);
    expect(accepts("webrtc.stun", "stun:a.example.com\r\n\r\nstun:b.example.com:3478\n")).toBe(true);
    for (const v of ["turn:turn.example.com", "stun:a;b", "stun:a.example.com:3478 extra", "stun:a\u0000"])
      expect(accepts("webrtc.stun", v), v).toBe(false);
  });
});
