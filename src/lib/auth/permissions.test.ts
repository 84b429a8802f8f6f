import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, effectivePermissions, isPermission, ROLE_PERMISSIONS, ROLES } from "./permissions";

describe("effectivePermissions", () => {
  it("gives an agent no admin permissions", () => {
    const p = effectivePermissions("agent");
    expect(p.has("users.read")).toBe(false);
    expect(p.has("softphone.use")).toBe(true);
  });

  it("applies grants and revokes on top of the role, ignoring unknown names", () => {
    const p = effectivePermissions("agent", ["audit.read", "no.such"], ["softphone.use"]);
    expect(p.has("audit.read")).toBe(true);
    expect(p.has("softphone.use")).toBe(false);
    expect([...p] as string[]).not.toContain("no.such");
  });

  it("gives admin every permission", () => {
    expect([...effectivePermissions("admin")].sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it("lets a revoke win over a grant of the same permission", () => {
    expect(effectivePermissions("agent", ["audit.read"], ["audit.read"]).has("audit.read")).toBe(false);
  });

  it("can take a permission away from an admin", () => {
    const p = effectivePermissions("admin", [], ["users.write"]);
    expect(p.has("users.write")).toBe(false);
    expect(p.size).toBe(ALL_PERMISSIONS.length - 1);
  });

  it("does not let a grant list mutate the role table", () => {
    effectivePermissions("agent", ["settings.write"]);
    expect(effectivePermissions("agent").has("settings.write")).toBe(false);
    expect(ROLE_PERMISSIONS.agent).not.toContain("settings.write");
  });
});

describe("role table", () => {
  it("uses only known permission names", () => {
    for (const role of ROLES)
      for (const p of ROLE_PERMISSIONS[role]) expect(isPermission(p), `${role}: ${p}`).toBe(true);
  });

  it("keeps user and settings management to admins", () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const p = effectivePermissions(role);
      expect(p.has("users.write"), role).toBe(false);
      expect(p.has("settings.write"), role).toBe(false);
      expect(p.has("settings.read"), role).toBe(false);
    }
  });

  it("treats inherited object keys as unknown permissions", () => {
    expect(isPermission("toString")).toBe(false);
    expect(isPermission("__proto__")).toBe(false);
  });
});
