import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LivePersistence } from "@/lib/asterisk/live/persist/live-persistence";
import { BlfState } from "@/lib/asterisk/live/types";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { agentSessions, cdr, queueEvents } from "@/lib/db/schema/live";
import { supervisionSessions } from "@/lib/db/schema/panel";
import { useTestDb } from "../support/test-db";
import { liveEventsOf } from "../support/transcript-events";

let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await useTestDb());
});
afterAll(async () => drop());

async function persist(name: string, persistence = new LivePersistence({ db })) {
  for (const event of liveEventsOf(name)) persistence.handle(event);
  await persistence.flush();
  return persistence;
}

describe("LivePersistence on recorded Asterisk 22 traffic", () => {
  it("stores a queue call's events once, even when the same events arrive again", async () => {
    await persist("06-queue-call-answered");
    const first = await db.select().from(queueEvents).where(eq(queueEvents.queue, "testq"));
    await persist("06-queue-call-answered");
    const again = await db.select().from(queueEvents).where(eq(queueEvents.queue, "testq"));
    expect(again).toHaveLength(first.length);
    const kinds = first.map((r) => r.kind);
    expect(kinds).toContain("join");
    expect(kinds).toContain("connect");
    expect(kinds).toContain("complete");
    expect(kinds.filter((k) => k === "join")).toHaveLength(1);
    const complete = first.find((r) => r.kind === "complete");
    expect(complete).toMatchObject({ interface: "PJSIP/1002", holdTime: 3, talkTime: 5, reason: "caller" });
    expect(complete?.linkedid).toBe(complete?.uniqueid);
  });

  it("records an abandon with its hold time", async () => {
    await persist("07-queue-abandon");
    const rows = await db.select().from(queueEvents).where(eq(queueEvents.kind, "abandon"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ queue: "testq", holdTime: 8, callerIdNum: "1005" });
  });

  it("opens and closes login and pause intervals, with the break code as reason", async () => {
    await persist("08-queue-member-add-pause-remove");
    const rows = await db.select().from(agentSessions).where(eq(agentSessions.interface, "PJSIP/1004"));
    const logins = rows.filter((r) => r.kind === "login");
    expect(logins.length).toBeGreaterThanOrEqual(1);
    expect(logins.every((r) => r.endedAt !== null)).toBe(true);
    const pauses = rows.filter((r) => r.kind === "pause");
    expect(pauses.some((r) => r.reason === "Lunch break")).toBe(true);
    expect(pauses.every((r) => r.endedAt !== null && r.endedAt >= r.startedAt)).toBe(true);
    const pauseEvents = await db.select().from(queueEvents).where(eq(queueEvents.kind, "pause"));
    expect(pauseEvents.some((r) => r.reason === "Lunch break")).toBe(true);
  });

  it("writes CDRs from Cdr events with times in UTC, once", async () => {
    await persist("03-basic-call-answered");
    await persist("03-basic-call-answered");
    const rows = await db.select().from(cdr).where(eq(cdr.uniqueid, "1795319908.0"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      src: "1001",
      dst: "1002",
      billsec: 5,
      duration: 7,
      disposition: "ANSWERED",
      origin: "ami",
    });
    expect(rows[0]?.calldate.toISOString()).toBe("2026-11-22T03:58:28.000Z");
    expect(rows[0]?.answer?.toISOString()).toBe("2026-11-22T03:58:31.000Z");
  });

  it("keeps every CDR of a 20-call burst", async () => {
    await persist("19-burst-20-calls");
    const rows = await db.select({ id: cdr.id }).from(cdr).where(eq(cdr.lastapp, "Wait"));
    expect(rows.length).toBeGreaterThanOrEqual(20);
  });

  it("ends a supervision session when its spy leg hangs up, and audits its length", async () => {
    const events = liveEventsOf("13-chanspy-listen-whisper-barge");
    const spyStart = events.find((e) => e.event === "ChanSpyStart");
    const spyUniqueid = spyStart?.fields.SpyerUniqueid;
    expect(spyUniqueid).toBeTruthy();
    await db.insert(supervisionSessions).values({
      supervisorExtension: "1004",
      mode: "listen",
      targetChannel: spyStart?.fields.SpyeeChannel ?? "",
      targetExtension: "1002",
      actionId: "spy-test-1",
      spyUniqueid,
      startedAt: new Date(Number(spyStart?.fields.Timestamp) * 1000),
    });
    const persistence = new LivePersistence({ db });
    persistence.noteSpyLeg(spyUniqueid ?? "");
    await persist("13-chanspy-listen-whisper-barge", persistence);
    const [session] = await db
      .select()
      .from(supervisionSessions)
      .where(eq(supervisionSessions.actionId, "spy-test-1"));
    expect(session?.endedAt).not.toBeNull();
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "panel.listen.end"));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ mode: "listen", seconds: expect.any(Number) });
    expect((audit[0]?.after as { seconds: number } | undefined)?.seconds ?? 0).toBeGreaterThan(0);
  });

  it("reconcile closes intervals Asterisk no longer reports and opens the ones it does", async () => {
    await db.insert(agentSessions).values({
      dedupeKey: "stale-login",
      kind: "login",
      interface: "PJSIP/1099",
      queue: "q5000",
      startedAt: new Date(Date.now() - 60_000),
    });
    const persistence = new LivePersistence({ db });
    await persistence.reconcile({
      channels: {},
      queues: {
        q5000: {
          name: "q5000",
          strategy: "ringall",
          serviceLevel: 20,
          entries: {},
          today: { day: "2026-11-22", answered: 0, abandoned: 0, answeredWithinSla: 0 },
          members: {
            "PJSIP/1001": {
              interface: "PJSIP/1001",
              name: "Ann",
              stateInterface: "PJSIP/1001",
              state: BlfState.Idle,
              paused: true,
              pausedReason: "lunch",
              pausedSince: Date.now() - 5_000,
              callsTaken: 0,
              lastCall: null,
              inCall: false,
              membership: "dynamic",
              penalty: 0,
            },
          },
        },
      },
    });
    const stale = await db.select().from(agentSessions).where(eq(agentSessions.dedupeKey, "stale-login"));
    expect(stale[0]?.endedAt).not.toBeNull();
    const opened = await db.select().from(agentSessions).where(eq(agentSessions.interface, "PJSIP/1001"));
    expect(opened.map((r) => `${r.kind}:${r.reason ?? ""}:${r.endedAt === null}`).sort()).toEqual([
      "login::true",
      "pause:lunch:true",
    ]);
  });
});
