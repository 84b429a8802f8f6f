import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createUser, resetUserPassword, setUserDisabled, updateUser } from "@/app/(admin)/users/actions";
import { verifyPassword } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/session";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { type User, users } from "@/lib/db/schema/users";
import { type Listener, listen } from "../support/listen";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let sessions: Listener;
let admin: User;

beforeAll(async () => {
  testDb = await useTestDb();
  sessions = await listen(getBus(), CHANNELS.sessions);
});
afterAll(async () => {
  sessions.close();
  await getBus().close();
  await testDb.drop();
});
beforeEach(async () => {
  admin = await insertUser({ role: "admin", sessionId: `admin-${randomUUID()}` });
  session.current = currentUserFor(admin);
});

const newUser = (over: Record<string, unknown> = {}) => ({
  name: "Nina New",
  email: `nina-${randomUUID().slice(0, 8)}@example.test`,
  password: "a long enough password",
  role: "agent" as const,
  extension: "",
  ...over,
});

describe("who may manage users", () => {
  it("refuses without a session", async () => {
    session.current = null;
    const result = await createUser(newUser());
    expect(result).toMatchObject({ ok: false, error: { code: "unauthorized:session" } });
  });

  it.each(["agent", "supervisor", "qa"] as const)(
    "refuses a %s with forbidden:users.write and writes nothing",
    async (role) => {
      session.current = currentUserFor(await insertUser({ role }));
      const input = newUser();
      const target = await insertUser({ role: "agent" });
      const results = await Promise.all([
        createUser(input),
        updateUser({ id: target.id, name: "Changed", role: "admin", extension: "" }),
        setUserDisabled({ id: target.id, disabled: true }),
        resetUserPassword({
          id: target.id,
          password: "a long enough password",
          confirm: "a long enough password",
        }),
      ]);
      for (const r of results)
        expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden:users.write" }) });
      expect(await byEmail(input.email)).toBeUndefined();
      expect(await byId(target.id)).toMatchObject({ name: target.name, role: "agent", disabled: false });
      expect(await auditFor(target.id)).toEqual([]);
    },
  );

  it("refuses before validating, so a forbidden caller learns nothing about the input rules", async () => {
    session.current = currentUserFor(await insertUser({ role: "agent" }));
    const result = await createUser(newUser({ email: "nope", password: "x" }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("forbidden:users.write");
      expect(result.error.fieldErrors).toBeUndefined();
    }
  });

  it("follows per-user grants and revokes", async () => {
    session.current = currentUserFor(await insertUser({ role: "supervisor", grants: ["users.write"] }));
    expect((await createUser(newUser())).ok).toBe(true);
    session.current = currentUserFor(await insertUser({ role: "admin", revokes: ["users.write"] }));
    expect(await createUser(newUser())).toMatchObject({
      ok: false,
      error: { code: "forbidden:users.write" },
    });
  });
});

describe("createUser", () => {
  it("returns field errors for bad input and creates nothing", async () => {
    const before = await db.$count(users);
    const result = await createUser(
      newUser({ name: "Bad\nName", email: "not-an-email", password: "short", extension: "1", role: "root" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:input");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([
      "email",
      "extension",
      "name",
      "password",
      "role",
    ]);
    expect(await db.$count(users)).toBe(before);
  });

  it("creates the user with an argon2 hash and audits it without the password or hash", async () => {
    const input = newUser({ email: "  Nina.Mixed@Example.TEST ", extension: "201", grants: ["audit.read"] });
    const result = await createUser(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;

    const row = await byId(result.data.id);
    expect(row).toMatchObject({
      name: "Nina New",
      email: "nina.mixed@example.test",
      role: "agent",
      extension: "201",
      grants: ["audit.read"],
      revokes: [],
      disabled: false,
      sessionId: null,
    });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash, input.password)).toBe(true);

    const [entry, ...more] = await auditFor(row!.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: "user.create",
      entity: "user",
      userId: admin.id,
      userEmail: admin.email,
      ip: "203.0.113.10",
      before: null,
      after: {
        name: "Nina New",
        email: "nina.mixed@example.test",
        role: "agent",
        extension: "201",
        grants: ["audit.read"],
        revokes: [],
        disabled: false,
      },
    });
    expectNoSecrets(entry, input.password, row!.passwordHash);
  });

  it("answers a taken e-mail (in any case) with a field error on email", async () => {
    const existing = await insertUser({ role: "agent" });
    const result = await createUser(newUser({ email: existing.email.toUpperCase() }));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "conflict:email",
        message: expect.any(String),
        fieldErrors: { email: [expect.stringMatching(/already in use/)] },
      },
    });
    expect(await db.$count(users, eq(users.email, existing.email))).toBe(1);
  });
});

describe("updateUser", () => {
  it("updates the user and audits before and after", async () => {
    const target = await insertUser({ role: "agent", name: "Old Name", extension: "300" });
    const result = await updateUser({
      id: target.id,
      name: " New Name ",
      role: "supervisor",
      extension: "301",
      grants: ["extensions.read"],
      revokes: ["panel.spy"],
    });
    expect(result).toEqual({ ok: true, data: { id: target.id } });
    expect(await byId(target.id)).toMatchObject({
      name: "New Name",
      role: "supervisor",
      extension: "301",
      grants: ["extensions.read"],
      revokes: ["panel.spy"],
      email: target.email,
      passwordHash: target.passwordHash,
    });
    const [entry] = await auditFor(target.id);
    expect(entry).toMatchObject({
      action: "user.update",
      userId: admin.id,
      before: { name: "Old Name", role: "agent", extension: "300", grants: [], revokes: [] },
      after: {
        name: "New Name",
        role: "supervisor",
        extension: "301",
        grants: ["extensions.read"],
        revokes: ["panel.spy"],
      },
    });
    expectNoSecrets(entry, undefined, target.passwordHash);
    expect(JSON.stringify(entry)).not.toContain("sessionId");
  });

  it("answers an unknown id with not_found", async () => {
    const result = await updateUser({ id: randomUUID(), name: "X", role: "agent", extension: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found:user" } });
  });

  it("refuses to let you revoke your own users.write", async () => {
    const result = await updateUser({
      id: admin.id,
      name: admin.name,
      role: "admin",
      extension: "",
      revokes: ["users.write"],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "bad_request:self", fieldErrors: { revokes: [expect.any(String)] } },
    });
    expect((await byId(admin.id))!.revokes).toEqual([]);
  });
});

describe("setUserDisabled", () => {
  it("disables a user, ends their session at once and tells the bus", async () => {
    const target = await insertUser({ role: "agent", sessionId: "live-session-1" });
    const result = await setUserDisabled({ id: target.id, disabled: true });
    expect(result).toEqual({ ok: true, data: { id: target.id } });
    expect(await byId(target.id)).toMatchObject({ disabled: true, sessionId: null });

    const event = await sessions.waitFor((e) => e.userId === target.id);
    expect(event).toEqual({
      type: "session.revoked",
      userId: target.id,
      sessionId: "live-session-1",
      reason: "disabled",
      at: expect.any(Number),
    });

    const [entry] = await auditFor(target.id);
    expect(entry).toMatchObject({
      action: "user.disable",
      before: { disabled: false },
      after: { disabled: true },
    });
    expect(JSON.stringify(entry)).not.toContain("live-session-1");
  });

  it("re-enables a user without publishing anything", async () => {
    const target = await insertUser({ role: "agent", disabled: true });
    expect((await setUserDisabled({ id: target.id, disabled: false })).ok).toBe(true);
    expect((await byId(target.id))!.disabled).toBe(false);
    await sessions.flush();
    expect(sessions.events.filter((e) => e.userId === target.id)).toEqual([]);
    expect((await auditFor(target.id))[0]).toMatchObject({ action: "user.enable" });
  });

  it("refuses to disable your own account", async () => {
    const result = await setUserDisabled({ id: admin.id, disabled: true });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request:self" } });
    expect(await byId(admin.id)).toMatchObject({ disabled: false, sessionId: admin.sessionId });
  });
});

describe("last-admin protection", () => {
  beforeEach(async () => {
    // Leave exactly one enabled admin: the one this test signs in as (or disables).
    await db.update(users).set({ disabled: true }).where(eq(users.role, "admin"));
    await db.update(users).set({ disabled: false }).where(eq(users.id, admin.id));
  });

  it("refuses to demote the last enabled admin", async () => {
    const result = await updateUser({ id: admin.id, name: admin.name, role: "supervisor", extension: "" });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict:last_admin", fieldErrors: { role: [expect.any(String)] } },
    });
    expect((await byId(admin.id))!.role).toBe("admin");
  });

  it("refuses to disable the last enabled admin, and publishes nothing", async () => {
    session.current = currentUserFor(await insertUser({ role: "supervisor", grants: ["users.write"] }));
    const result = await setUserDisabled({ id: admin.id, disabled: true });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:last_admin" } });
    expect(await byId(admin.id)).toMatchObject({ disabled: false, sessionId: admin.sessionId });
    await sessions.flush();
    expect(sessions.events.filter((e) => e.userId === admin.id)).toEqual([]);
  });

  it("allows both once another admin is enabled", async () => {
    const second = await insertUser({ role: "admin" });
    expect((await setUserDisabled({ id: second.id, disabled: true })).ok).toBe(true);
    // ...which leaves the signed-in admin as the last one again.
    expect((await updateUser({ id: admin.id, name: admin.name, role: "agent", extension: "" })).ok).toBe(
      false,
    );
    expect((await setUserDisabled({ id: second.id, disabled: false })).ok).toBe(true);
    expect((await updateUser({ id: admin.id, name: admin.name, role: "agent", extension: "" })).ok).toBe(
      true,
    );
  });
});

describe("resetUserPassword", () => {
  it("sets a new hash, ends the user's session, tells the bus and audits no secret", async () => {
    const target = await insertUser({ role: "agent", sessionId: "live-session-2" });
    const password = "a brand new password";
    const result = await resetUserPassword({ id: target.id, password, confirm: password });
    expect(result).toEqual({ ok: true, data: { id: target.id } });

    const row = await byId(target.id);
    expect(row!.sessionId).toBeNull();
    expect(await verifyPassword(row!.passwordHash, password)).toBe(true);
    expect(await sessions.waitFor((e) => e.userId === target.id)).toMatchObject({
      sessionId: "live-session-2",
      reason: "password_reset",
    });
    const [entry] = await auditFor(target.id);
    expect(entry).toMatchObject({ action: "user.reset_password" });
    expectNoSecrets(entry, password, row!.passwordHash);
  });

  it("keeps your own session when you reset your own password", async () => {
    const password = "my own new password";
    expect((await resetUserPassword({ id: admin.id, password, confirm: password })).ok).toBe(true);
    expect((await byId(admin.id))!.sessionId).toBe(admin.sessionId);
    await sessions.flush();
    expect(sessions.events.filter((e) => e.userId === admin.id)).toEqual([]);
  });

  it("refuses a confirmation that does not match", async () => {
    const target = await insertUser({ role: "agent" });
    const result = await resetUserPassword({
      id: target.id,
      password: "a brand new password",
      confirm: "different",
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "bad_request:input", fieldErrors: { confirm: [expect.any(String)] } },
    });
    expect((await byId(target.id))!.passwordHash).toBe(target.passwordHash);
  });
});

async function byId(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

async function byEmail(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

async function auditFor(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.id));
}

function expectNoSecrets(entry: unknown, password: string | undefined, hash: string) {
  const text = JSON.stringify(entry);
  expect(text).not.toContain("passwordHash");
  expect(text).not.toContain("$argon2");
  expect(text).not.toContain(hash);
  if (password) expect(text).not.toContain(password);
}
