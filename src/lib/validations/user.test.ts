import { describe, expect, it } from "vitest";
import {
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  setupSchema,
  updateUserSchema,
} from "./user";

const ID = "0b8f3f5e-6a53-4b53-9d43-2f1d0f5a7c11";
const valid = {
  name: "Ann Agent",
  email: "ann@example.com",
  password: "long enough password",
  role: "agent",
  extension: "",
};

/** The field paths a parse failed on. */
function failedPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.path.join("."));
}

describe("createUserSchema", () => {
  it("normalises a valid user: trimmed name, lower-case e-mail, empty extension as null, no extra permissions", () => {
    const out = createUserSchema.parse({ ...valid, name: "  Ann Agent ", email: " Ann@Example.COM " });
    expect(out).toEqual({ ...valid, extension: null, grants: [], revokes: [] });
  });

  it.each([
    ["name", { name: "   " }],
    ["name", { name: "Ann\nAgent" }],
    ["name", { name: "Ann\u0000" }],
    ["name", { name: "x".repeat(121) }],
    ["email", { email: "not-an-email" }],
    ["email", { email: "ann@example.com\r\nBcc: x@evil.test" }],
    ["email", { email: `${"a".repeat(250)}@example.com` }],
    ["password", { password: "short" }],
    ["password", { password: "x".repeat(257) }],
    ["role", { role: "root" }],
    ["extension", { extension: "1" }],
    ["extension", { extension: "123456789" }],
    ["extension", { extension: "12a" }],
    ["extension", { extension: "100;" }],
    ["grants.0", { grants: ["users.delete"] }],
  ])("rejects a bad %s", (path, patch) => {
    expect(failedPaths(createUserSchema.safeParse({ ...valid, ...patch }))).toContain(path);
  });

  it("accepts 2- to 8-digit extensions", () => {
    expect(createUserSchema.parse({ ...valid, extension: " 201 " }).extension).toBe("201");
    expect(createUserSchema.parse({ ...valid, extension: "12345678" }).extension).toBe("12345678");
  });

  it("accepts a password of exactly the minimum length", () => {
    expect(createUserSchema.safeParse({ ...valid, password: "x".repeat(12) }).success).toBe(true);
    expect(createUserSchema.safeParse({ ...valid, password: "x".repeat(11) }).success).toBe(false);
  });

  it("refuses a permission that is both granted and revoked", () => {
    const result = createUserSchema.safeParse({ ...valid, grants: ["audit.read"], revokes: ["audit.read"] });
    expect(failedPaths(result)).toEqual(["revokes"]);
  });
});

describe("updateUserSchema", () => {
  it("needs a UUID and takes no e-mail or password", () => {
    const { email: _e, password: _p, ...fields } = valid;
    expect(updateUserSchema.parse({ ...fields, id: ID, grants: ["audit.read"] })).toEqual({
      ...fields,
      id: ID,
      extension: null,
      grants: ["audit.read"],
      revokes: [],
    });
    expect(failedPaths(updateUserSchema.safeParse({ ...fields, id: "1 or 1=1" }))).toContain("id");
  });
});

describe("setDisabledSchema", () => {
  it("needs a UUID and a real boolean", () => {
    expect(setDisabledSchema.safeParse({ id: ID, disabled: true }).success).toBe(true);
    expect(setDisabledSchema.safeParse({ id: ID, disabled: "true" }).success).toBe(false);
    expect(setDisabledSchema.safeParse({ id: "x", disabled: true }).success).toBe(false);
  });
});

describe("password confirmation", () => {
  it("reset refuses a confirmation that does not match, on the confirm field", () => {
    const result = resetPasswordSchema.safeParse({
      id: ID,
      password: "long enough password",
      confirm: "other",
    });
    expect(failedPaths(result)).toEqual(["confirm"]);
    expect(
      resetPasswordSchema.safeParse({
        id: ID,
        password: "long enough password",
        confirm: "long enough password",
      }).success,
    ).toBe(true);
  });

  it("setup refuses a mismatch and a short password", () => {
    const base = { name: "Admin", email: "admin@example.com" };
    expect(
      failedPaths(setupSchema.safeParse({ ...base, password: "long enough password", confirm: "nope" })),
    ).toEqual(["confirm"]);
    expect(failedPaths(setupSchema.safeParse({ ...base, password: "short", confirm: "short" }))).toContain(
      "password",
    );
  });
});
