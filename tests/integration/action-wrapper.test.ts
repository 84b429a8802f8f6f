import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { action, toAppError } from "@/lib/auth/action";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { type User, users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));

const renameInput = z.object({ id: z.string().uuid(), name: z.string().min(1) });

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin, "192.0.2.44");
});

describe("action()", () => {
  it("runs the work, writes every audit note with the actor, then runs after-commit steps", async () => {
    const target = await insertUser({ role: "agent", name: "Before" });
    let seenAfterCommit: string | undefined;
    const rename = action("users.write", renameInput, async (input, { tx, afterCommit }) => {
      await tx.update(users).set({ name: input.name }).where(eq(users.id, input.id));
      afterCommit(async () => {
        // Outside the transaction: only committed data is visible here.
        const [row] = await db.select().from(users).where(eq(users.id, input.id));
        seenAfterCommit = row!.name;
      });
      return {
        data: { renamed: input.id },
        audit: [
          { action: "user.rename", entity: "user", entityId: input.id, before: { name: "Before" } },
          { action: "user.touch", entity: "user", entityId: input.id },
        ],
      };
    });

    expect(await rename({ id: target.id, name: "After" })).toEqual({
      ok: true,
      data: { renamed: target.id },
    });
    expect(seenAfterCommit).toBe("After");
    const entries = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, target.id))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(["user.rename", "user.touch"]);
    for (const e of entries)
      expect(e).toMatchObject({ userId: admin.id, userEmail: admin.email, ip: "192.0.2.44" });
  });

  it("rolls back the work and its audit, and skips after-commit steps, when the handler fails", async () => {
    const target = await insertUser({ role: "agent", name: "Unchanged" });
    const afterCommit = vi.fn();
    const failing = action("users.write", renameInput, async (input, ctx) => {
      await ctx.tx.update(users).set({ name: input.name }).where(eq(users.id, input.id));
      ctx.afterCommit(afterCommit);
      throw new AppError("conflict:test", "Nope.");
    });

    expect(await failing({ id: target.id, name: "Changed" })).toEqual({
      ok: false,
      error: { code: "conflict:test", message: "Nope." },
    });
    const [row] = await db.select().from(users).where(eq(users.id, target.id));
    expect(row!.name).toBe("Unchanged");
    expect(afterCommit).not.toHaveBeenCalled();
    expect(await db.$count(auditLog, eq(auditLog.entityId, target.id))).toBe(0);
  });

  it("checks the session, then the permission, then the input, before running anything", async () => {
    const handler = vi.fn();
    const guarded = action("settings.write", renameInput, handler);

    session.current = null;
    expect(await guarded({ id: "x", name: "" })).toMatchObject({ error: { code: "unauthorized:session" } });
    session.current = currentUserFor(await insertUser({ role: "agent" }));
    expect(await guarded({ id: "x", name: "" })).toMatchObject({
      error: { code: "forbidden:settings.write" },
    });
    session.current = currentUserFor(admin);
    expect(await guarded({ id: "x", name: "" })).toMatchObject({
      error: {
        code: "bad_request:input",
        fieldErrors: { id: [expect.any(String)], name: [expect.any(String)] },
      },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("lets any signed-in user through when no permission is required", async () => {
    session.current = currentUserFor(await insertUser({ role: "agent" }));
    const open = action(null, z.object({}), async () => ({ data: "ran" }));
    expect(await open({})).toEqual({ ok: true, data: "ran" });
  });

  it("turns a database unique violation into conflict:unique, without the SQL", async () => {
    const existing = await insertUser({ role: "agent" });
    const dup = action("users.write", z.object({}), async (_input, { tx }) => {
      await tx.insert(users).values({ name: "Dup", email: existing.email, passwordHash: "x", role: "agent" });
      return { data: null };
    });
    const result = await dup({});
    expect(result).toEqual({ ok: false, error: { code: "conflict:unique", message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toMatch(/users_email_key|insert|duplicate/i);
  });

  it("hides unexpected errors behind internal:server", async () => {
    const boom = action(null, z.object({}), async () => {
      throw new Error("connect ECONNREFUSED 10.1.2.3:5432 password=hunter2");
    });
    const result = await boom({});
    expect(result).toEqual({ ok: false, error: { code: "internal:server", message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|hunter2/);
  });
});

describe("toAppError", () => {
  it("finds the SQLSTATE a cause or two down", () => {
    const wrapped = new Error("Failed query", { cause: Object.assign(new Error("fk"), { code: "23503" }) });
    expect(toAppError(wrapped).code).toBe("conflict:in_use");
    expect(toAppError({ code: "23505" }).code).toBe("conflict:unique");
    expect(toAppError({ code: "ENOENT" }).code).toBe("internal:server");
  });
});
