import { afterEach, describe, expect, it, vi } from "vitest";
import { clientIp } from "./request";

describe("clientIp without a trusted proxy (TRUST_PROXY unset)", () => {
  it("takes the right-most X-Forwarded-For hop, which the client cannot forge", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1,  198.51.100.7 " });
    expect(clientIp(h)).toBe("198.51.100.7");
  });

  it("falls back to X-Real-IP, then to 'unknown'", () => {
    expect(clientIp(new Headers({ "x-real-ip": "198.51.100.8" }))).toBe("198.51.100.8");
    expect(clientIp(new Headers({ "x-forwarded-for": " , ", "x-real-ip": "198.51.100.8" }))).toBe(
      "198.51.100.8",
    );
    expect(clientIp(new Headers())).toBe("unknown");
  });

  it("strips the IPv4-mapped IPv6 prefix and caps the length", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:192.0.2.1" }))).toBe("192.0.2.1");
    expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(64);
  });

  it("reads plain header records (next-auth's req.headers), joining repeated headers", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.5" })).toBe("203.0.113.5");
    expect(clientIp({ "x-forwarded-for": ["6.6.6.6", "203.0.113.5"] })).toBe("203.0.113.5");
    expect(clientIp({})).toBe("unknown");
  });
});

describe("clientIp behind a trusted proxy (TRUST_PROXY=true)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("takes the left-most hop: the client as the proxy saw it", async () => {
    vi.stubEnv("TRUST_PROXY", "true");
    vi.resetModules();
    const { clientIp: trusted } = await import("./request");
    expect(trusted(new Headers({ "x-forwarded-for": "198.51.100.7, 10.0.0.1" }))).toBe("198.51.100.7");
  });
});
