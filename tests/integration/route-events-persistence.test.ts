import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { LivePersistence } from "@/lib/asterisk/live/persist/live-persistence";
import { db } from "@/lib/db/client";
import { routeEvents } from "@/lib/db/schema/inbound";
import { useTestDb } from "../support/test-db";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

const userEvent = (step: string, target: string, detail: string, ts: string): AmiEvent => {
  const fields = {
    Event: "UserEvent",
    Privilege: "user,all",
    Timestamp: ts,
    Channel: "Local/+15557000@sb-from-trunk-00000001;2",
    Uniqueid: "1700000000.2",
    Linkedid: "1700000000.1",
    UserEvent: "SwitchboardRoute",
    Step: step,
    Target: target,
    Detail: detail,
  };
  return { type: "event", event: "UserEvent", headers: Object.entries(fields), fields };
};

describe("SwitchboardRoute steps in the database", () => {
  it("stores each step once, even when the events arrive twice", async () => {
    const persistence = new LivePersistence({ db, flushEveryMs: 10_000 });
    const events = [
      userEvent("did", "+15557000", "any", "1700000001.100000"),
      userEvent("ringtree", "7650", "n1", "1700000001.200000"),
      userEvent("destination", "hangup", "hangup", "1700000007.300000"),
    ];
    for (const e of [...events, ...events]) persistence.handle(e);
    await persistence.flush();
    for (const e of events) persistence.handle(e);
    await persistence.flush();
    const rows = await db.select().from(routeEvents).orderBy(asc(routeEvents.occurredAt));
    expect(rows.map((r) => [r.linkedid, r.step, r.target, r.detail])).toEqual([
      ["1700000000.1", "did", "+15557000", "any"],
      ["1700000000.1", "ringtree", "7650", "n1"],
      ["1700000000.1", "destination", "hangup", "hangup"],
    ]);
    expect(rows[2]!.occurredAt.toISOString()).toBe("2023-11-14T22:13:27.300Z");
  });
});
