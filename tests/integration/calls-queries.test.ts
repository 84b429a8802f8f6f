import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectivePermissions } from "@/lib/auth/permissions";
import { csvLine, EXPORT_HEADER, exportValues } from "@/lib/calls/csv";
import { callScopeFor } from "@/lib/calls/scope";
import { db } from "@/lib/db/client";
import { listDispositionCodes } from "@/lib/db/queries/agent";
import { assertSortKey } from "@/lib/db/queries/call-conditions";
import {
  type CallScope,
  countCalls,
  getCallByLinkedid,
  iterateCalls,
  listCalls,
} from "@/lib/db/queries/calls";
import { callWrapups } from "@/lib/db/schema/agent";
import { extensions } from "@/lib/db/schema/extensions";
import { cdr, type NewCdrRow, queueEvents } from "@/lib/db/schema/live";
import { recordings } from "@/lib/db/schema/recordings";
import { type CallFiltersInput, callFiltersSchema } from "@/lib/validations/calls";
import { useTestDb } from "../support/test-db";
import { insertUser } from "../support/users";

const NOW = new Date("2026-11-22T12:00:00Z");
const ALL: CallScope = { kind: "all" };
const f = (input: CallFiltersInput = {}) => callFiltersSchema.parse(input);

let drop: () => Promise<void>;
let seq = 0;

/** One call: the head record plus `extra` records of other channels on the same Linkedid. */
async function call(over: Partial<NewCdrRow> & { at: string }, extra: Partial<NewCdrRow>[] = []) {
  seq += 1;
  const linkedid = `${seq}.0`;
  const calldate = new Date(over.at);
  const base = {
    calldate,
    answer: over.disposition && over.disposition !== "ANSWERED" ? null : calldate,
    end: new Date(calldate.getTime() + (over.duration ?? 10) * 1000),
    uniqueid: linkedid,
    linkedid,
    sequence: seq * 10,
    disposition: "ANSWERED",
    duration: 10,
    billsec: 8,
    dcontext: "sb-internal",
    origin: "ami",
  };
  const { at: _at, ...fields } = over;
  await db.insert(cdr).values({ ...base, ...fields });
  let n = 0;
  for (const leg of extra) {
    n += 1;
    await db.insert(cdr).values({ ...base, uniqueid: `${seq}.${n}`, sequence: seq * 10 + n, ...leg });
  }
  return linkedid;
}

let queueCall = "";
let script = "";
beforeAll(async () => {
  ({ drop } = await useTestDb());
  await db
    .insert(extensions)
    .values(
      ["1001", "1002", "1003"].map((number) => ({ number, displayName: `Ext ${number}`, secret: "x" })),
    );
  await call({
    at: "2026-11-22T09:00:00Z",
    src: "1001",
    dst: "1002",
    channel: "PJSIP/1001-01",
    dstchannel: "PJSIP/1002-02",
  });
  await call({
    at: "2026-11-22T10:00:00Z",
    src: "+15550001111",
    dst: "600",
    dcontext: "from-trunk",
    clid: '"Big Corp" <+15550001111>',
    channel: "PJSIP/trunk-03",
    dstchannel: "PJSIP/1003-04",
    duration: 300,
    billsec: 290,
  });
  await call({
    at: "2026-11-21T15:00:00Z",
    src: "1002",
    dst: "0033123456789",
    disposition: "BUSY",
    duration: 4,
    billsec: 0,
    channel: "PJSIP/1002-05",
  });
  queueCall = await call(
    {
      at: "2026-11-21T16:00:00Z",
      src: "+15559998888",
      dst: "600",
      dcontext: "from-trunk",
      channel: "PJSIP/trunk-06",
      dstchannel: "PJSIP/1003-07",
      duration: 120,
      billsec: 100,
    },
    [
      {
        src: "1003",
        dst: "1001",
        channel: "PJSIP/1003-07",
        dstchannel: "PJSIP/1001-08",
        calldate: new Date("2026-11-21T16:01:00Z"),
      },
    ],
  );
  await db.insert(queueEvents).values([
    {
      dedupeKey: "q1",
      occurredAt: new Date("2026-11-21T16:00:05Z"),
      kind: "join",
      queue: "support",
      linkedid: queueCall,
      uniqueid: queueCall,
    },
    {
      dedupeKey: "q2",
      occurredAt: new Date("2026-11-21T16:00:20Z"),
      kind: "connect",
      queue: "support",
      linkedid: queueCall,
      interface: "PJSIP/1003",
      holdTime: 15,
    },
  ]);
  await call({
    at: "2026-11-10T08:00:00Z",
    src: "1001",
    dst: "1003",
    disposition: "NO ANSWER",
    billsec: 0,
    channel: "PJSIP/1001-09",
  });
  script = await call({
    at: "2026-10-01T08:00:00Z",
    src: "+15550000000",
    dst: "1001",
    dcontext: "from-trunk",
    clid: '"<script>alert(1)</script>" <+15550000000>',
    disposition: "FAILED",
    billsec: 0,
  });
});
afterAll(async () => drop());

const ids = async (input: CallFiltersInput, scope: CallScope = ALL) =>
  (await listCalls({ filters: f(input), scope, now: NOW, limit: 100 })).rows.map((r) => r.src);

describe("listCalls filters", () => {
  it("groups records by Linkedid: one row per call with its record count", async () => {
    const { rows } = await listCalls({ filters: f(), scope: ALL, now: NOW });
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.linkedid === queueCall)).toMatchObject({
      legs: 2,
      queues: ["support"],
      agents: ["PJSIP/1003"],
    });
  });

  it("date presets and ranges", async () => {
    expect(await ids({ preset: "today" })).toEqual(["+15550001111", "1001"]);
    expect(await ids({ preset: "yesterday" })).toEqual(["+15559998888", "1002"]);
    expect(await ids({ preset: "last7" })).toHaveLength(4);
    expect(await ids({ preset: "month" })).toHaveLength(5);
    expect(await ids({ from: "2026-10-01", to: "2026-10-01" })).toEqual(["+15550000000"]);
  });

  it("number contains, extension, queue, agent, direction, disposition and duration", async () => {
    expect(await ids({ q: "5550001" })).toEqual(["+15550001111"]);
    expect(await ids({ q: "big corp" })).toEqual(["+15550001111"]);
    expect(await ids({ q: "_" })).toEqual([]);
    // Punctuation and spaces: the index is asked for the words, the whole string decides.
    expect((await ids({ q: "+1555" })).sort()).toEqual(["+15550000000", "+15550001111", "+15559998888"]);
    expect(await ids({ q: "+1555000 1" })).toEqual([]);
    expect(await ids({ q: "5550 0011" })).toEqual([]);
    expect(await ids({ q: "1002 0033" })).toEqual([]);
    expect(await ids({ q: "BIG corp" })).toEqual(["+15550001111"]);
    expect(await ids({ q: "script" })).toEqual(["+15550000000"]);
    expect((await ids({ ext: "1003" })).sort()).toEqual(["+15550001111", "+15559998888", "1001"].sort());
    expect(await ids({ queue: "support" })).toEqual(["+15559998888"]);
    expect(await ids({ agent: "PJSIP/1003" })).toEqual(["+15559998888"]);
    expect((await ids({ direction: "inbound" })).sort()).toEqual([
      "+15550000000",
      "+15550001111",
      "+15559998888",
    ]);
    expect(await ids({ direction: "outbound" })).toEqual(["1002"]);
    expect((await ids({ direction: "internal" })).sort()).toEqual(["1001", "1001"]);
    expect(await ids({ disposition: "BUSY" })).toEqual(["1002"]);
    expect(await ids({ minDuration: "100", maxDuration: "200" })).toEqual(["+15559998888"]);
  });

  it("filters on having a recording (by Linkedid)", async () => {
    await db.insert(recordings).values({
      linkedid: queueCall,
      path: `${queueCall}-qsupport.wav`,
      format: "wav",
      bytes: 44,
      source: "policy",
      fileMtime: NOW,
    });
    expect(await ids({ recorded: "yes" })).toEqual(["+15559998888"]);
    expect(await ids({ recorded: "no" })).not.toContain("+15559998888");
    expect((await ids({ recorded: "no" })).length).toBe(5);
    expect(callFiltersSchema.safeParse({ recorded: "maybe" }).success).toBe(false);
    await db.delete(recordings);
  });

  it("filters on the agents' saved disposition code (by Linkedid), keyset paging still intact", async () => {
    const agent = await insertUser({ role: "agent", extension: "1003" });
    const codes = Object.fromEntries((await listDispositionCodes()).map((c) => [c.code, c.id]));
    const wrapup = { userId: agent.id, extension: "1003", queue: "support", endedAt: NOW };
    await db.insert(callWrapups).values([
      {
        ...wrapup,
        dedupeKey: "w1",
        linkedid: queueCall,
        status: "saved",
        dispositionCodeId: codes.sold,
        notes: "Two seats",
      },
      // Pending and skipped ones have no disposition yet: they never match.
      { ...wrapup, dedupeKey: "w2", linkedid: script, status: "pending" },
    ]);
    expect(await ids({ code: "sold" })).toEqual(["+15559998888"]);
    expect(await ids({ code: "not_interested" })).toEqual([]);
    expect(await ids({ code: "sold", sort: "duration", dir: "asc", preset: "last7" })).toEqual([
      "+15559998888",
    ]);
    expect(callFiltersSchema.safeParse({ code: "sold' or 1=1 --" }).success).toBe(false);
    const { rows } = await listCalls({ filters: f({ code: "sold" }), scope: ALL, now: NOW });
    expect(rows[0]).toMatchObject({ dispositions: ["Sold"], dispositionNotes: ["Two seats"] });
    expect(exportValues(rows[0]!)).toEqual(expect.arrayContaining(["Sold", "Two seats"]));
    expect(EXPORT_HEADER).toContain("Disposition code");
    await db.delete(callWrapups);
  });

  it("counts and sums billed seconds for the filter", async () => {
    expect(await countCalls({ filters: f({ preset: "last7" }), scope: ALL, now: NOW })).toEqual({
      count: 4,
      capped: false,
      estimated: false,
      billsec: 8 + 290 + 0 + 100,
    });
  });
});

describe("keyset paging and sorting", () => {
  for (const [sort, dir] of [
    ["calldate", "desc"],
    ["calldate", "asc"],
    ["duration", "desc"],
    ["billsec", "asc"],
  ] as const) {
    it(`visits every call once, in order, by ${sort} ${dir}`, async () => {
      const seen: number[] = [];
      const keys: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCalls({ filters: f({ sort, dir, cursor }), scope: ALL, now: NOW, limit: 2 });
        seen.push(...page.rows.map((r) => r.id));
        keys.push(...page.rows.map((r) => (sort === "calldate" ? r.calldate.getTime() : r[sort])));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(6);
      const sorted = [...keys].sort((a, b) => (dir === "asc" ? a - b : b - a));
      expect(keys).toEqual(sorted);
    });
  }

  it("pages a date range by duration across days (one index walk per day, merged)", async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCalls({
        filters: f({ preset: "month", sort: "duration", dir: "desc", cursor }),
        scope: ALL,
        now: NOW,
        limit: 2,
      });
      seen.push(...page.rows.map((r) => r.duration));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([300, 120, 10, 10, 4]);
  });

  it("rejects sort keys outside the allowlist", () => {
    expect(callFiltersSchema.safeParse({ sort: "clid" }).success).toBe(false);
    expect(callFiltersSchema.safeParse({ sort: "calldate; drop table cdr" }).success).toBe(false);
    expect(() => assertSortKey("id")).toThrow(/Unsupported sort key/);
  });

  it("streams every call in batches for exports", async () => {
    let total = 0;
    for await (const batch of iterateCalls({ filters: f(), scope: ALL, batchSize: 4, now: NOW }))
      total += batch.length;
    expect(total).toBe(6);
  });
});

describe("agents see only their own calls", () => {
  it("maps permissions to a scope", () => {
    expect(callScopeFor({ permissions: effectivePermissions("qa"), extension: null })).toEqual(ALL);
    expect(callScopeFor({ permissions: effectivePermissions("agent"), extension: "1002" })).toEqual({
      kind: "own",
      extension: "1002",
    });
    expect(
      callScopeFor({ permissions: effectivePermissions("agent", [], ["calls.own"]), extension: "1002" }),
    ).toBeNull();
  });

  it("lists, counts and opens only calls touching the agent's extension", async () => {
    const own: CallScope = { kind: "own", extension: "1002" };
    expect((await ids({}, own)).sort()).toEqual(["1001", "1002"]);
    expect((await countCalls({ filters: f(), scope: own, now: NOW })).count).toBe(2);
    expect(await getCallByLinkedid({ linkedid: queueCall, scope: own })).toBeNull();
    expect(
      await getCallByLinkedid({ linkedid: queueCall, scope: { kind: "own", extension: "1001" } }),
    ).not.toBeNull();
    expect(await ids({}, { kind: "own", extension: null })).toEqual([]);
  });
});

describe("call detail and CSV", () => {
  it("returns every record and queue event of a call", async () => {
    const detail = await getCallByLinkedid({ linkedid: queueCall, scope: ALL });
    expect(detail?.legs).toHaveLength(2);
    expect(detail?.queueEvents.map((e) => e.kind)).toEqual(["join", "connect"]);
    // The events arrive as JSON in the legs' statement: typed exactly as a plain select returns them.
    expect(detail?.queueEvents).toEqual(
      await db
        .select()
        .from(queueEvents)
        .where(eq(queueEvents.linkedid, queueCall))
        .orderBy(queueEvents.occurredAt),
    );
    expect(detail?.queueEvents[1]?.occurredAt).toEqual(new Date("2026-11-21T16:00:20Z"));
    expect(await getCallByLinkedid({ linkedid: "no-such-call", scope: ALL })).toBeNull();
  });

  it("escapes CSV fields and neutralises formulas", async () => {
    const { rows } = await listCalls({
      filters: f({ from: "2026-10-01", to: "2026-10-01" }),
      scope: ALL,
      now: NOW,
    });
    expect(rows[0]?.linkedid).toBe(script);
    expect(
      csvLine([
        '"<script>alert(1)</script>" <+1>',
        '=HYPERLINK("x")',
        "+15550000000",
        "-1",
        "@SUM(A1)",
        "a,b",
        "line\nbreak",
        42,
      ]),
    ).toBe(
      `"""<script>alert(1)</script>"" <+1>","'=HYPERLINK(""x"")",'+15550000000,'-1,'@SUM(A1),"a,b","line\nbreak",42\r\n`,
    );
    expect(csvLine(["\tcmd", "\r=1"])).toBe("'\tcmd,\"'\r=1\"\r\n");
  });
});
