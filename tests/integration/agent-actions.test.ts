import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cancelCallback,
  completeCallback,
  rescheduleCallback,
  scheduleCallback,
} from "@/app/(admin)/callbacks/actions";
import { saveWrapup, skipWrapup } from "@/app/(admin)/callbacks/wrapup-actions";
import {
  createDisposition,
  deleteDisposition,
  moveDisposition,
  updateDisposition,
} from "@/app/(admin)/dispositions/actions";
import { getCallbackScope } from "@/lib/agent/callback-scope";
import { utcToZonedLocal } from "@/lib/agent/zoned-time";
import type { CurrentUser } from "@/lib/auth/session";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { getAgentInbox, listCallbacks, listDispositionCodes } from "@/lib/db/queries/agent";
import { callbacks, callWrapups } from "@/lib/db/schema/agent";
import { teamMembers, teams } from "@/lib/db/schema/panel";
import type { User } from "@/lib/db/schema/users";
import { callbackFiltersSchema } from "@/lib/validations/agent-workflow";
import { auditFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let supervisor: User;
let agent: User;
let teammate: User;
let outsider: User;
const nudges: { userId: string; topic: string }[] = [];

/** Team A: supervisor over agent and teammate. The outsider is in no team. */
beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  supervisor = await insertUser({ role: "supervisor", extension: "1001" });
  agent = await insertUser({ role: "agent", extension: "1002" });
  teammate = await insertUser({ role: "agent", extension: "1003" });
  outsider = await insertUser({ role: "agent", extension: "1009" });
  const [team] = await db.insert(teams).values({ name: "A" }).returning();
  await db.insert(teamMembers).values([
    { teamId: team!.id, userId: supervisor.id, isSupervisor: true },
    { teamId: team!.id, userId: agent.id },
    { teamId: team!.id, userId: teammate.id },
  ]);
  getBus().subscribe(CHANNELS.agent, (e) => nudges.push({ userId: e.userId, topic: e.topic }));
});
afterAll(async () => testDb.drop());
beforeEach(() => {
  nudges.length = 0;
  session.current = currentUserFor(agent);
});

const as = (u: User) => {
  session.current = currentUserFor(u);
};
const inAMinute = () => utcToZonedLocal(new Date(Date.now() + 60_000), "UTC");
const codes = async () => Object.fromEntries((await listDispositionCodes()).map((c) => [c.code, c]));

async function pendingWrapup(user: User, fields: Partial<typeof callWrapups.$inferInsert> = {}) {
  const [row] = await db
    .insert(callWrapups)
    .values({
      dedupeKey: `test|${Math.random()}`,
      userId: user.id,
      extension: user.extension ?? "1002",
      queue: "q5000",
      linkedid: `17000.${Math.floor(Math.random() * 1e6)}`,
      callerIdNum: "+15550001111",
      endedAt: new Date(),
      ...fields,
    })
    .returning();
  return row!;
}

describe("disposition codes (admin)", () => {
  it("ships the default codes in order", async () => {
    expect((await listDispositionCodes()).map((c) => c.code)).toEqual([
      "sold",
      "callback",
      "not_interested",
      "no_answer",
      "wrong_number",
      "resolved",
      "escalated",
    ]);
  });

  it("refuses agents and supervisors; admins create, edit, reorder and delete, audited", async () => {
    const input = { code: "quote_sent", label: "Quote sent", active: true, sortOrder: 75 };
    for (const who of [agent, supervisor]) {
      as(who);
      expect(await createDisposition(input)).toMatchObject({
        ok: false,
        error: { code: "forbidden:dispositions.write" },
      });
    }
    as(admin);
    const created = await createDisposition(input);
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const id = created.data.id;
    expect(await createDisposition(input)).toMatchObject({
      ok: false,
      error: { fieldErrors: { code: ["Another disposition code already uses this code."] } },
    });
    expect(await updateDisposition({ ...input, id, label: "Quote\nsent" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { label: ["Line breaks and control characters are not allowed."] } },
    });
    expect(await updateDisposition({ ...input, id, active: false })).toMatchObject({ ok: true });
    const before = (await listDispositionCodes()).map((c) => c.code);
    const at = before.indexOf("quote_sent");
    expect(await moveDisposition({ id, direction: "up" })).toMatchObject({ ok: true });
    const after = (await listDispositionCodes()).map((c) => c.code);
    expect(after.indexOf("quote_sent")).toBe(at - 1);
    expect(after[at]).toBe(before[at - 1]);
    expect(await deleteDisposition({ id })).toMatchObject({ ok: true });
    expect((await auditFor(id)).map((a) => a.action)).toEqual([
      "disposition.delete",
      "disposition.move",
      "disposition.update",
      "disposition.create",
    ]);
  });

  it("refuses to delete a code a saved wrap-up uses", async () => {
    const { sold } = await codes();
    await pendingWrapup(agent, { status: "saved", dispositionCodeId: sold!.id });
    as(admin);
    const result = await deleteDisposition({ id: sold!.id });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:in_use" } });
    expect((await codes()).sold).toBeDefined();
  });
});

describe("wrap-ups (only the agent's own)", () => {
  it("saves a disposition and notes, links it to the call, nudges the agent's browsers", async () => {
    const w = await pendingWrapup(agent);
    const { sold } = await codes();
    const result = await saveWrapup({
      id: w.id,
      dispositionCodeId: sold!.id,
      notes: "  Two seats\r\nannual  ",
    });
    expect(result).toMatchObject({ ok: true });
    const [row] = await db.select().from(callWrapups).where(eq(callWrapups.id, w.id));
    expect(row).toMatchObject({ status: "saved", dispositionCodeId: sold!.id, notes: "Two seats\nannual" });
    expect(nudges).toEqual([{ userId: agent.id, topic: "wrapup" }]);
    expect((await auditFor(w.linkedid))[0]).toMatchObject({ action: "wrapup.save" });
    expect((await getAgentInbox({ userId: agent.id, wrapups: true, callbacks: false })).wrapups).toEqual([]);
  });

  it("never lets anyone else save or skip it, not even an admin or the agent's supervisor", async () => {
    const w = await pendingWrapup(agent);
    const { sold } = await codes();
    for (const who of [teammate, supervisor, admin]) {
      as(who);
      expect(await saveWrapup({ id: w.id, dispositionCodeId: sold!.id, notes: "" })).toMatchObject({
        ok: false,
        error: { code: "not_found:wrapup" },
      });
      expect(await skipWrapup({ id: w.id })).toMatchObject({
        ok: false,
        error: { code: "not_found:wrapup" },
      });
    }
    as(await insertUser({ role: "qa", extension: "1010" }));
    expect(await saveWrapup({ id: w.id, dispositionCodeId: sold!.id, notes: "" })).toMatchObject({
      ok: false,
      error: { code: "forbidden:calls.wrapup" },
    });
    const [row] = await db.select().from(callWrapups).where(eq(callWrapups.id, w.id));
    expect(row?.status).toBe("pending");
  });

  it("requires a disposition, notes when the queue says so, and an active code; a required one can't be skipped", async () => {
    const w = await pendingWrapup(agent, { required: true, notesRequired: true });
    const { sold, resolved } = await codes();
    expect(await saveWrapup({ id: w.id, dispositionCodeId: "", notes: "x" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { dispositionCodeId: ["Choose a disposition."] } },
    });
    expect(await saveWrapup({ id: w.id, dispositionCodeId: sold!.id, notes: "   " })).toMatchObject({
      ok: false,
      error: { fieldErrors: { notes: ["This queue requires notes: say what happened on the call."] } },
    });
    as(admin);
    await updateDisposition({
      id: resolved!.id,
      code: "resolved",
      label: "Resolved",
      active: false,
      sortOrder: 60,
    });
    as(agent);
    expect(await saveWrapup({ id: w.id, dispositionCodeId: resolved!.id, notes: "x" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { dispositionCodeId: ["Choose one of the active dispositions."] } },
    });
    expect(await skipWrapup({ id: w.id })).toMatchObject({ ok: false, error: { code: "conflict:required" } });
    expect(await saveWrapup({ id: w.id, dispositionCodeId: sold!.id, notes: "Done" })).toMatchObject({
      ok: true,
    });
  });

  it("skips an optional one", async () => {
    const w = await pendingWrapup(agent);
    expect(await skipWrapup({ id: w.id })).toMatchObject({ ok: true });
    const [row] = await db.select().from(callWrapups).where(eq(callWrapups.id, w.id));
    expect(row?.status).toBe("skipped");
  });
});

describe("callbacks", () => {
  it("schedules one for the agent in the settings time zone, with field errors for bad input", async () => {
    const ok = await scheduleCallback({ number: "+15550001111", due: inAMinute(), note: "Price question" });
    if (!ok.ok) throw new Error(JSON.stringify(ok.error));
    const [row] = await db.select().from(callbacks).where(eq(callbacks.id, ok.data.id));
    expect(row).toMatchObject({ userId: agent.id, number: "+15550001111", status: "scheduled" });
    expect(Math.abs(row!.dueAt.getTime() - (Date.now() + 60_000))).toBeLessThan(61_000);
    expect(nudges).toContainEqual({ userId: agent.id, topic: "callbacks" });

    const bad = await scheduleCallback({
      number: "1002\r\nAction: Originate",
      due: "2020-01-01T10:00",
      note: "",
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { fieldErrors: { number: ["Use digits, '*', '#' and '+' only."] } },
    });
    expect(await scheduleCallback({ number: "1002", due: "2020-01-01T10:00", note: "" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { due: ["Choose a time from now on."] } },
    });
    expect(await scheduleCallback({ number: "1002", due: "2030-02-30T10:00", note: "" })).toMatchObject({
      ok: false,
      error: { fieldErrors: { due: ["That is not a real date and time."] } },
    });
    expect(
      await scheduleCallback({ number: "1002", due: inAMinute(), note: "", linkedid: "999.1" }),
    ).toMatchObject({
      ok: false,
      error: { fieldErrors: { linkedid: ["That call is not one of yours."] } },
    });
    const w = await pendingWrapup(agent);
    expect(
      await scheduleCallback({ number: "1002", due: inAMinute(), note: "", linkedid: w.linkedid }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("lets only the owner or their supervisor (or an admin) work a callback", async () => {
    as(agent);
    const made = await scheduleCallback({ number: "5551234", due: inAMinute(), note: "" });
    if (!made.ok) throw new Error("schedule failed");
    const id = made.data.id;
    for (const who of [teammate, outsider]) {
      as(who);
      expect(await cancelCallback({ id })).toMatchObject({
        ok: false,
        error: { code: "not_found:callback" },
      });
    }
    as(supervisor);
    expect(
      await rescheduleCallback({ id, due: utcToZonedLocal(new Date(Date.now() + 3_600_000), "UTC") }),
    ).toMatchObject({
      ok: true,
    });
    expect(nudges).toContainEqual({ userId: agent.id, topic: "callbacks" });
    as(agent);
    expect(await completeCallback({ id })).toMatchObject({ ok: true });
    expect(await cancelCallback({ id })).toMatchObject({
      ok: false,
      error: { code: "conflict:callback_closed" },
    });

    as(outsider);
    const other = await scheduleCallback({ number: "5559876", due: inAMinute(), note: "" });
    if (!other.ok) throw new Error("schedule failed");
    as(supervisor);
    expect(await cancelCallback({ id: other.data.id })).toMatchObject({
      ok: false,
      error: { code: "not_found:callback" },
    });
    as(admin);
    expect(await cancelCallback({ id: other.data.id })).toMatchObject({ ok: true });
  });

  it("lists due, upcoming and past in scope with keyset paging", async () => {
    await db.delete(callbacks);
    const base = Date.now();
    const rows = [];
    for (let i = 0; i < 5; i++)
      rows.push({ userId: agent.id, number: `100${i}`, dueAt: new Date(base - (i + 1) * 60_000) });
    rows.push({ userId: teammate.id, number: "2000", dueAt: new Date(base - 60_000) });
    rows.push({ userId: outsider.id, number: "3000", dueAt: new Date(base - 60_000) });
    rows.push({ userId: agent.id, number: "4000", dueAt: new Date(base + 3_600_000) });
    rows.push({
      userId: agent.id,
      number: "5000",
      dueAt: new Date(base - 60_000),
      status: "completed" as const,
    });
    await db.insert(callbacks).values(rows);
    const f = (x: Record<string, string>) => callbackFiltersSchema.parse(x);
    const now = new Date(base);

    const page1 = await listCallbacks({
      filters: f({ view: "due" }),
      scope: { kind: "users", ids: [agent.id] },
      userId: agent.id,
      now,
      limit: 3,
    });
    expect(page1.rows.map((r) => r.number)).toEqual(["1004", "1003", "1002"]);
    const page2 = await listCallbacks({
      filters: f({ view: "due", cursor: page1.nextCursor! }),
      scope: { kind: "users", ids: [agent.id] },
      userId: agent.id,
      now,
      limit: 3,
    });
    expect(page2.rows.map((r) => r.number)).toEqual(["1001", "1000"]);
    expect(page2.nextCursor).toBeNull();

    const supScope = await getCallbackScope(currentUserFor(supervisor));
    const team = await listCallbacks({
      filters: f({ view: "due", who: "all" }),
      scope: supScope,
      userId: supervisor.id,
      now,
    });
    expect(team.rows.map((r) => r.number).sort()).toEqual(["1000", "1001", "1002", "1003", "1004", "2000"]);
    const everyone = await listCallbacks({
      filters: f({ view: "due", who: "all" }),
      scope: await getCallbackScope(currentUserFor(admin)),
      userId: admin.id,
      now,
    });
    expect(everyone.rows).toHaveLength(7);
    const agentScope = await getCallbackScope(currentUserFor(agent));
    expect(agentScope).toEqual({ kind: "users", ids: [agent.id] });

    const upcoming = await listCallbacks({
      filters: f({ view: "upcoming" }),
      scope: agentScope,
      userId: agent.id,
      now,
    });
    expect(upcoming.rows.map((r) => r.number)).toEqual(["4000"]);
    const past = await listCallbacks({
      filters: f({ view: "past", q: "500" }),
      scope: agentScope,
      userId: agent.id,
      now,
    });
    expect(past.rows.map((r) => r.number)).toEqual(["5000"]);
    expect(() => f({ sort: "number; drop table callbacks" })).toThrow();

    const inbox = await getAgentInbox({ userId: agent.id, wrapups: false, callbacks: true, now });
    expect(inbox.callbacks.map((c) => c.number)).toEqual(["1004", "1003", "1002", "1001", "1000", "4000"]);
  });
});
