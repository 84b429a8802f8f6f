import { eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { LivePersistence } from "@/lib/asterisk/live/persist/live-persistence";
import { CHANNELS } from "@/lib/bus/events";
import { MemoryBus } from "@/lib/bus/memory";
import { db } from "@/lib/db/client";
import { callWrapups } from "@/lib/db/schema/agent";
import { queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";
import { useTestDb } from "../support/test-db";
import { startTranscriptAsterisk } from "../support/transcript-asterisk";
import { liveEventsOf } from "../support/transcript-events";
import { insertUser } from "../support/users";

/**
 * The wrap-up prompt is derived from the listener's own events: a recorded Asterisk 22 queue
 * call (06: 1005 → testq, answered by PJSIP/1002, AgentComplete) opens one pending wrap-up for
 * the user at extension 1002, with the queue's rule, once.
 */

let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await useTestDb());
});
afterAll(async () => drop());
afterEach(async () => {
  await db.delete(callWrapups);
  await db.update(users).set({ extension: null });
});

/** The recorded call, with its queue renamed to one the app manages (recorded as `testq`). */
function queueCall(queue = "testq"): AmiEvent[] {
  return liveEventsOf("06-queue-call-answered").map((e) =>
    e.fields.Queue === "testq" ? { ...e, fields: { ...e.fields, Queue: queue } } : e,
  );
}

async function persist(events: AmiEvent[], onWrapups?: (ids: string[]) => void) {
  const persistence = new LivePersistence({ db, onWrapups });
  for (const event of events) persistence.handle(event);
  await persistence.flush();
}

describe("wrap-ups from recorded queue calls", () => {
  it("opens one pending wrap-up for the agent's user, keyed to the call, and tells only them", async () => {
    const agent = await insertUser({ role: "agent", extension: "1002" });
    await insertUser({ role: "agent", extension: "1001" });
    const told: string[][] = [];
    await persist(queueCall(), (ids) => told.push(ids));
    const rows = await db.select().from(callWrapups);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: agent.id,
      extension: "1002",
      queue: "testq",
      linkedid: "1795320003.0",
      uniqueid: "1795320003.0",
      callerIdNum: "1005",
      status: "pending",
      // testq is not one of the app's queues (q<number>): its prompt is optional.
      required: false,
      notesRequired: false,
    });
    expect(rows[0]?.endedAt.toISOString()).toBe("2026-11-22T04:00:11.404Z");
    expect(told).toEqual([[agent.id]]);

    // The same events again (a reconnect replay): nothing new, nobody told twice.
    await persist(queueCall(), (ids) => told.push(ids));
    expect(await db.select().from(callWrapups)).toHaveLength(1);
    expect(told).toHaveLength(1);
  });

  it("copies the app queue's rule: required with notes, or no prompt at all when off", async () => {
    await insertUser({ role: "agent", extension: "1002" });
    const [q] = await db
      .insert(queues)
      .values({ number: "5100", name: "Sales", wrapupMode: "required", wrapupNotesRequired: true })
      .returning();
    await persist(queueCall("q5100"));
    expect(await db.select().from(callWrapups)).toEqual([
      expect.objectContaining({ queue: "q5100", required: true, notesRequired: true }),
    ]);

    await db.delete(callWrapups);
    await db.update(queues).set({ wrapupMode: "off" }).where(eq(queues.id, q!.id));
    await persist(queueCall("q5100"));
    expect(await db.select().from(callWrapups)).toEqual([]);
  });

  it("opens nothing when no enabled user who wraps up calls works at the member's extension", async () => {
    const disabled = await insertUser({ role: "agent", extension: "1002" });
    await db.update(users).set({ disabled: true }).where(eq(users.id, disabled.id));
    await insertUser({ role: "qa", extension: "1002" });
    await insertUser({ role: "agent", extension: "1002", revokes: ["calls.wrapup"] });
    await persist(queueCall());
    expect(await db.select().from(callWrapups)).toEqual([]);
    await db.update(users).set({ disabled: false }).where(eq(users.id, disabled.id));
  });

  it("through the real listener: the AMI transcript ends in a pending wrap-up and an inbox nudge on the bus", async () => {
    const agent = await insertUser({ role: "agent", extension: "1002" });
    const asterisk = await startTranscriptAsterisk("06-queue-call-answered");
    const bus = new MemoryBus();
    const nudges: { userId: string; topic: string }[] = [];
    bus.subscribe(CHANNELS.agent, (e) => nudges.push({ userId: e.userId, topic: e.topic }));
    const listener = new LiveListener({
      bus,
      db,
      timeZone: "UTC",
      log: pino({ level: "silent" }),
      connection: async () => ({
        host: "127.0.0.1",
        port: asterisk.port,
        username: "switchboard",
        secret: "x",
      }),
    });
    try {
      await listener.start();
      await until(() => asterisk.server.connections.length > 0);
      await until(() => listener.store.state.queues.testq !== undefined);
      asterisk.playEvents(asterisk.server.connections.at(-1), "start", "end");
      await listener.drain();
      await untilAsync(async () => (await db.select().from(callWrapups)).length === 1);
      await until(() => nudges.length === 1);
      expect(nudges).toEqual([{ userId: agent.id, topic: "wrapup" }]);
      const [row] = await db.select().from(callWrapups);
      expect(row).toMatchObject({ userId: agent.id, linkedid: "1795320003.0", status: "pending" });
    } finally {
      await listener.stop();
      await asterisk.close();
    }
  });
});

async function until(check: () => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function untilAsync(check: () => Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
