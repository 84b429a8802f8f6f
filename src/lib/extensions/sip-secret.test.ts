import { describe, expect, it } from "vitest";
import { ALLOW } from "@/lib/asterisk/allowlists";
import { generateSipSecret, SIP_SECRET_LENGTH } from "./sip-secret";

describe("generateSipSecret", () => {
  it("makes base62 secrets of at least 24 characters that pass the SIP secret allowlist", () => {
    for (let i = 0; i < 200; i++) {
      const s = generateSipSecret();
      expect(s).toHaveLength(SIP_SECRET_LENGTH);
      expect(s.length).toBeGreaterThanOrEqual(24);
      expect(s).toMatch(/^[A-Za-z0-9]+$/);
      expect(ALLOW.sipSecret.test(s)).toBe(true);
    }
  });

  it("never repeats and uses the whole alphabet", () => {
    const many = Array.from({ length: 500 }, () => generateSipSecret());
    expect(new Set(many).size).toBe(many.length);
    expect(new Set(many.join("")).size).toBe(62);
  });
});
