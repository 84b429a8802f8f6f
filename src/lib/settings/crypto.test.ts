import { describe, expect, it, vi } from "vitest";
import { decryptSecret, encryptSecret } from "./crypto";

// A fixed key from env, so the test never reads or writes DATA_DIR/secrets.json.
vi.hoisted(() => {
  process.env.ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
  process.env.AUTH_SECRET = "test-auth-secret-0123456789abcdef0123";
});

describe("encryptSecret / decryptSecret", () => {
  it.each([
    ["ascii", "s3cret-ami-password"],
    ["punctuation", "p@ss;word:with=odd#chars"],
    ["unicode", "pässwörd ✓ 秘密"],
    ["empty", ""],
    ["long", "x".repeat(2000)],
  ])("round-trips %s text", (_name, plain) => {
    expect(decryptSecret(encryptSecret(plain))).toBe(plain);
  });

  it("never stores the plaintext and uses a fresh IV each time", () => {
    const a = encryptSecret("s3cret-ami-password");
    const b = encryptSecret("s3cret-ami-password");
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain("s3cret");
    expect(a).not.toBe(b);
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const [v, iv, tag, body] = encryptSecret("s3cret-ami-password").split(":") as [
      string,
      string,
      string,
      string,
    ];
    expect(() => decryptSecret([v, iv, tag, flip(body)].join(":"))).toThrow();
    expect(() => decryptSecret([v, iv, flip(tag), body].join(":"))).toThrow();
    expect(() => decryptSecret([v, flip(iv), tag, body].join(":"))).toThrow();
  });

  it("refuses unknown formats", () => {
    const [, iv, tag, body] = encryptSecret("x").split(":");
    expect(() => decryptSecret(`v2:${iv}:${tag}:${body}`)).toThrow(/format/);
    expect(() => decryptSecret("plain text")).toThrow(/format/);
    expect(() => decryptSecret("")).toThrow(/format/);
  });
});

/** Flips one bit of the first byte of a base64 field. */
function flip(b64: string): string {
  const buf = Buffer.from(b64, "base64");
  buf[0] = buf[0]! ^ 1;
  return buf.toString("base64");
}
