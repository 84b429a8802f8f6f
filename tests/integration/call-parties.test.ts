import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LivePersistence } from "@/lib/asterisk/live/persist/live-persistence";
import { cdrRow } from "@/lib/asterisk/live/persist/persist-mappers";
import { db } from "@/lib/db/client";
import { type CallScope, listCalls } from "@/lib/db/queries/calls";
import { extensions } from "@/lib/db/schema/extensions";
import { callParties, cdr, queueEvents } from "@/lib/db/schema/live";
import { type CallFiltersInput, callFiltersSchema } from "@/lib/validations/calls";
import { cdrEvent, cdrPgsqlInsert } from "../support/cdr-events";
import { useTestDb } from "../support/test-db";

/**
 * call_parties (drizzle/0009, 0010) is derived from cdr and queue_events by triggers. Whatever
 * order the two CDR writers (cdr_pgsql's plain INSERT, the listener's batches) and the queue
 * events arrive in, it must hold exactly what the set-based rebuild computes from the records.
 */

const NOW = new Date("2026-11-22T12:00:00Z");
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await useTestDb());
  await db.insert(extensions).values([
    { number: "1001", displayName: "One", secret: "x" },
    { number: "1002", displayName: "Two", secret: "x" },
  ]);
});
afterAll(async () => drop());

type Party = { kind: string; party: string; headId: number; callStart: Date };

async function parties(): Promise<Party[]> {
  return db
    .select()
    .from(callParties)
    .orderBy(asc(callParties.kind), asc(callParties.party), asc(callParties.headId));
}

async function partiesOf(linkedid: string): Promise<string[]> {
  const [head] = await db
    .select({ id: cdr.id })
    .from(cdr)
    .where(sql`${cdr.linkedid} = ${linkedid} and ${cdr.callHead}`);
  if (!head) return [];
  const rows = await db.select().from(callParties).where(eq(callParties.headId, head.id));
  return rows.map((r) => `${r.kind}:${r.party}`).sort();
}

/** What the set-based rebuild makes of the same records, restoring the triggers' rows after. */
async function rebuilt(): Promise<Party[]> {
  const before = await parties();
  await db.execute(sql`select call_parties_rebuild()`);
  const after = await parties();
  await db.delete(callParties);
  if (before.length) await db.insert(callParties).values(before);
  return after;
}

const pgsql = (fields: Record<string, string>) =>
  db.execute(sql.raw(cdrPgsqlInsert(cdrEvent(fields).fields)));

async function listener(...events: Record<string, string>[]) {
  const persistence = new LivePersistence({ db });
  for (const fields of events) persistence.handle(cdrEvent(fields));
  await persistence.flush();
}

function queueEvent(linkedid: string, n: number, kind: "join" | "connect" | "complete", iface?: string) {
  return db
    .insert(queueEvents)
    .values({
      dedupeKey: `${linkedid}|${kind}|${n}`,
      occurredAt: new Date(`2026-11-22T10:00:0${n}Z`),
      kind,
      queue: "support",
      uniqueid: linkedid,
      linkedid,
      interface: iface ?? null,
    })
    .onConflictDoNothing();
}

const inbound = {
  Source: "+15550001111",
  Destination: "600",
  DestinationContext: "from-trunk",
  CallerID: '"Big Corp" <+15550001111>',
  Channel: "PJSIP/trunk-0000000a",
  DestinationChannel: "PJSIP/1001-0000000b",
  StartTime: "2026-11-22 10:00:00",
  AnswerTime: "2026-11-22 10:00:05",
  EndTime: "2026-11-22 10:03:00",
};
const transfer = {
  Source: "1001",
  Destination: "1202",
  Channel: "PJSIP/1001-0000000b",
  DestinationChannel: "PJSIP/1202-0000000c",
  StartTime: "2026-11-22 10:01:00",
  AnswerTime: "2026-11-22 10:01:03",
  EndTime: "2026-11-22 10:03:00",
};

describe("call_parties follows both CDR writers and the queue events", () => {
  it("the head's parties when it is the only record", async () => {
    await pgsql({ ...inbound, UniqueID: "800.1", LinkedID: "800.1", Sequence: "801" });
    // Only extension-shaped values: not the outside number or the trunk channel; the queue
    // number 600 is (the extension filter has always matched a dialled 600).
    expect(await partiesOf("800.1")).toEqual(["ext:1001", "ext:600"]);
  });

  it("queue events and a transfer leg stored before the head, by either writer, then the head and duplicates", async () => {
    const l = "900.1";
    await queueEvent(l, 1, "join");
    await queueEvent(l, 2, "connect", "PJSIP/1001");
    await pgsql({ ...transfer, UniqueID: "900.2", LinkedID: l, Sequence: "902" });
    expect(await partiesOf(l)).toEqual([]);
    // The listener's batch holds the head and the leg cdr_pgsql already wrote.
    await listener(
      { ...transfer, UniqueID: "900.2", LinkedID: l, Sequence: "902" },
      { ...inbound, UniqueID: l, LinkedID: l, Sequence: "901" },
    );
    await pgsql({ ...inbound, UniqueID: l, LinkedID: l, Sequence: "901" });
    expect(await partiesOf(l)).toEqual([
      "agent:PJSIP/1001",
      "ext:1001",
      "ext:1202",
      "ext:600",
      "queue:support",
    ]);
  });

  it("records and queue events stored after the head join it", async () => {
    const l = "950.1";
    await listener({ ...inbound, UniqueID: l, LinkedID: l, Sequence: "951", DestinationChannel: "" });
    expect(await partiesOf(l)).toEqual(["ext:600"]);
    await pgsql({ ...transfer, UniqueID: "950.2", LinkedID: l, Sequence: "952", Destination: "1303" });
    await queueEvent(l, 3, "complete", "PJSIP/1002");
    await queueEvent(l, 4, "join");
    expect(await partiesOf(l)).toEqual([
      "agent:PJSIP/1002",
      "ext:1001",
      "ext:1202",
      "ext:1303",
      "ext:600",
      "queue:support",
    ]);
  });

  it("a record without a Linkedid is a call of its own", async () => {
    await db
      .insert(cdr)
      .values(cdrRow(cdrEvent({ ...transfer, UniqueID: "990.1", LinkedID: "", Sequence: "991" }))!);
    const [head] = await db.select().from(cdr).where(eq(cdr.uniqueid, "990.1"));
    expect(head?.callHead).toBe(true);
    const rows = await db
      .select()
      .from(callParties)
      .where(eq(callParties.headId, head?.id ?? 0));
    expect(rows.map((r) => r.party).sort()).toEqual(["1001", "1202"]);
  });

  it("holds exactly what the set-based rebuild derives from the records", async () => {
    const incremental = await parties();
    expect(incremental.length).toBeGreaterThan(10);
    expect(await rebuilt()).toEqual(incremental);
  });

  it("is what the call-history filters find: a leg's extension, the queue, the agent", async () => {
    const all: CallScope = { kind: "all" };
    const find = async (input: CallFiltersInput, scope: CallScope = all) =>
      (await listCalls({ filters: callFiltersSchema.parse(input), scope, now: NOW })).rows
        .map((r) => r.uniqueid)
        .sort();
    expect(await find({ ext: "1202" })).toEqual(["900.1", "950.1", "990.1"]);
    expect(await find({ ext: "1303", preset: "today" })).toEqual(["950.1"]);
    expect(await find({ queue: "support" })).toEqual(["900.1", "950.1"]);
    expect(await find({ agent: "PJSIP/1001" })).toEqual(["900.1"]);
    expect(await find({ agent: "PJSIP/1002", queue: "support" })).toEqual(["950.1"]);
    expect(await find({}, { kind: "own", extension: "1303" })).toEqual(["950.1"]);
    expect(await find({ ext: "1001" }, { kind: "own", extension: "600" })).toEqual([
      "800.1",
      "900.1",
      "950.1",
    ]);
    // An extension call_parties can't hold keeps the semi-join over the records.
    expect(await find({}, { kind: "own", extension: "trunk" })).toEqual(["800.1", "900.1", "950.1"]);
  });
});
