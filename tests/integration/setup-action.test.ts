import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { completeSetup } from "@/app/(auth)/setup/actions";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { users } from "@/lib/db/schema/users";
import { useTestDb } from "../support/test-db";
import { insertUser } from "../support/users";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const input = {
  name: "First Admin",
  email: " Admin@Example.TEST ",
  password: "the first admin password",
  confirm: "the first admin password",
};

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(async () => {
  await db.delete(auditLog);
  await db.delete(users);
  request.headers = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.20" });
});

describe("completeSetup", () => {
  it("creates the first admin on an empty database and audits it without the password", async () => {
    expect(await completeSetup(input)).toEqual({ ok: true, data: { email: "admin@example.test" } });

    const all = await db.select().from(users);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      name: "First Admin",
      email: "admin@example.test",
      role: "admin",
      disabled: false,
    });
    expect(await verifyPassword(all[0]!.passwordHash, input.password)).toBe(true);

    const entries = await db.select().from(auditLog);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "setup.complete",
      userId: all[0]!.id,
      userEmail: "admin@example.test",
      ip: "198.51.100.20",
      after: { name: "First Admin", email: "admin@example.test", role: "admin" },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(input.password);
    expect(text).not.toContain("$argon2");
  });

  it("refuses once any user exists, whatever its role", async () => {
    await insertUser({ role: "agent", disabled: true });
    const result = await completeSetup(input);
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:setup" } });
    expect(await db.$count(users)).toBe(1);
    expect(await db.$count(auditLog)).toBe(0);
  });

  it("refuses a second run", async () => {
    expect((await completeSetup(input)).ok).toBe(true);
    const again = await completeSetup({ ...input, email: "other@example.test" });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict:setup" } });
    expect(await db.$count(users)).toBe(1);
  });

  it("lets only one of two simultaneous setups through", async () => {
    const results = await Promise.all([
      completeSetup({ ...input, email: "one@example.test" }),
      completeSetup({ ...input, email: "two@example.test" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, error: expect.objectContaining({ code: "conflict:setup" }) },
    ]);
    expect(await db.$count(users)).toBe(1);
  });

  it("returns field errors for bad input and creates nothing", async () => {
    const result = await completeSetup({ name: "", email: "nope", password: "short", confirm: "other" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:setup");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([
      "confirm",
      "email",
      "name",
      "password",
    ]);
    expect(await db.$count(users)).toBe(0);

    const mismatch = await completeSetup({ ...input, confirm: "something else entirely" });
    expect(mismatch).toMatchObject({ ok: false, error: { fieldErrors: { confirm: [expect.any(String)] } } });
    expect(await db.$count(users)).toBe(0);
  });
});
