import { describe, expect, it } from "vitest";
import { redact } from "./audit";

describe("redact", () => {
  it("returns null for anything that is not an object", () => {
    for (const v of [null, undefined, "text", 42, true]) expect(redact(v)).toBeNull();
  });

  it("masks secret-looking fields and keeps the rest", () => {
    const out = redact({
      name: "Ann",
      password: "hunter2hunter2",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$abc",
      secret: "s3cret",
      "ami.secret": "[changed]",
      "ari.password": "pw",
      sessionToken: "tok",
      apiKey: "k",
      pass: "p",
      role: "admin",
    });
    expect(out).toEqual({
      name: "Ann",
      password: "[redacted]",
      passwordHash: "[redacted]",
      secret: "[redacted]",
      "ami.secret": "[redacted]",
      "ari.password": "[redacted]",
      sessionToken: "[redacted]",
      apiKey: "[redacted]",
      pass: "[redacted]",
      role: "admin",
    });
  });

  it("keeps empty and null secrets as they are, so a diff still shows a secret being cleared", () => {
    expect(redact({ password: "", secret: null, token: undefined })).toEqual({
      password: "",
      secret: null,
      token: undefined,
    });
  });

  it("serialises dates as ISO strings", () => {
    expect(redact({ at: new Date("2026-01-02T03:04:05Z") })).toEqual({ at: "2026-01-02T03:04:05.000Z" });
  });

  it("does not modify its input", () => {
    const input = { password: "hunter2hunter2" };
    redact(input);
    expect(input.password).toBe("hunter2hunter2");
  });
});
