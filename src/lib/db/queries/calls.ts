import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { db } from "@/lib/db/client";
import { type CdrRow, cdr, type QueueEventRow, queueEvents } from "@/lib/db/schema/live";
import { type CallFilters, dateRange } from "@/lib/validations/calls";
import {
  assertSortKey,
  callConditions,
  daysOf,
  isStatementTimeout,
  MAX_MERGED_DAYS,
  onDay,
  planRows,
} from "./call-conditions";
import { decodeCursor, encodeCursor } from "./pagination";

/**
 * Call history. A call is every CDR record sharing a Linkedid; the list pages one row per call,
 * the call's head record (`call_head`, set on insert: the originating channel's first record),
 * so keyset paging walks the partial head indexes instead of grouping millions of rows.
 *
 * "Has a recording" is an EXISTS on `recordings` by Linkedid. Not filterable yet: "disposition
 * code" needs a call-dispositions table that doesn't exist, so the filter is not offered rather
 * than faked.
 */

/** Whose calls a user may see: everything, or only calls touching their own extension. */
export type CallScope = { kind: "all" } | { kind: "own"; extension: string | null };

export type CallListRow = Pick<
  CdrRow,
  | "id"
  | "calldate"
  | "answer"
  | "end"
  | "clid"
  | "src"
  | "dst"
  | "disposition"
  | "duration"
  | "billsec"
  | "direction"
  | "linkedid"
  | "uniqueid"
  | "origin"
> & { legs: number; queues: string[]; agents: string[] };

export type CallPage = { rows: CallListRow[]; nextCursor: string | null };
/** `capped`: more than `count` match; `estimated`: `count` is the planner's estimate (exact counting took too long). */
export type CallTotals = { count: number; capped: boolean; estimated: boolean; billsec: number | null };

export const CALLS_PAGE_SIZE = 25;
/** Counting stops here: an exact count of a month of a busy centre costs more than it tells. */
export const TOTALS_CAP = 10_000;
/** Past this, totals fall back to the planner's estimate rather than hold the page up. */
const TOTALS_TIMEOUT_MS = 80;

const HEAD_COLUMNS = {
  id: cdr.id,
  calldate: cdr.calldate,
  answer: cdr.answer,
  end: cdr.end,
  clid: cdr.clid,
  src: cdr.src,
  dst: cdr.dst,
  disposition: cdr.disposition,
  duration: cdr.duration,
  billsec: cdr.billsec,
  direction: cdr.direction,
  linkedid: cdr.linkedid,
  uniqueid: cdr.uniqueid,
  origin: cdr.origin,
};

const SORT_COLUMNS = { calldate: cdr.calldate, duration: cdr.duration, billsec: cdr.billsec } as const;

type CursorValue = [string | number, number];
const isCursor = (v: unknown): v is CursorValue =>
  Array.isArray(v) &&
  v.length === 2 &&
  (typeof v[0] === "string" || typeof v[0] === "number") &&
  Number.isSafeInteger(v[1]);

/** One page of calls, newest (or per `sort`/`dir`) first, keyset on (sort key, id). */
export async function listCalls({
  filters,
  scope,
  limit = CALLS_PAGE_SIZE,
  now,
}: {
  filters: CallFilters;
  scope: CallScope;
  limit?: number;
  now?: Date;
}): Promise<CallPage> {
  const sort = assertSortKey(filters.sort);
  const column = SORT_COLUMNS[sort];
  const descending = filters.dir !== "asc";
  const after = decodeCursor(filters.cursor, isCursor);
  let keyset: SQL | undefined;
  if (after) {
    const value = sort === "calldate" ? sql`${String(after[0])}::timestamptz` : sql`${Number(after[0])}::int`;
    keyset = descending
      ? sql`(${column}, ${cdr.id}) < (${value}, ${after[1]})`
      : sql`(${column}, ${cdr.id}) > (${value}, ${after[1]})`;
  }
  const order = descending ? [desc(column), desc(cdr.id)] : [asc(column), asc(cdr.id)];
  const where = and(callConditions({ filters, scope, now }), keyset);
  const query = (extra?: SQL) =>
    db
      .select(HEAD_COLUMNS)
      .from(cdr)
      .where(and(where, extra))
      .orderBy(...order)
      .limit(limit + 1);
  // A date range sorted by duration or billed time: the (day, key, id) index gives each UTC day
  // in key order, so a page is at most `limit` rows per day, merged; one walk of the (key, id)
  // index would first skip every call outside the range.
  const days = sort === "calldate" ? null : daysOf(dateRange(filters, now));
  const [first, second, ...rest] = days ?? [];
  const heads =
    days && first && second && days.length <= MAX_MERGED_DAYS
      ? await unionAll(query(onDay(first)), query(onDay(second)), ...rest.map((d) => query(onDay(d))))
          .orderBy(...order)
          .limit(limit + 1)
      : await query(days?.length === 1 && first ? onDay(first) : undefined);
  const page = heads.slice(0, limit);
  const last = page.at(-1);
  const rows = await withCallDetails(page);
  const nextCursor =
    heads.length > limit && last
      ? encodeCursor([sort === "calldate" ? last.calldate.toISOString() : last[sort], last.id])
      : null;
  return { rows, nextCursor };
}

/** Count and billed seconds of every call matching the filters, counting at most TOTALS_CAP. */
export async function countCalls({
  filters,
  scope,
  now,
}: {
  filters: CallFilters;
  scope: CallScope;
  now?: Date;
}): Promise<CallTotals> {
  const where = callConditions({ filters, scope, now });
  const capped = db
    .select({ billsec: cdr.billsec })
    .from(cdr)
    .where(where)
    .limit(TOTALS_CAP + 1)
    .as("capped");
  try {
    const row = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(TOTALS_TIMEOUT_MS)}, true)`);
      const [r] = await tx
        .select({
          n: sql<number>`count(*)::int`,
          billsec: sql<number>`coalesce(sum(${capped.billsec}), 0)::bigint`,
        })
        .from(capped);
      return r;
    });
    const n = Number(row?.n ?? 0);
    if (n > TOTALS_CAP) return { count: TOTALS_CAP, capped: true, estimated: false, billsec: null };
    return { count: n, capped: false, estimated: false, billsec: Number(row?.billsec ?? 0) };
  } catch (error) {
    if (!isStatementTimeout(error)) throw error;
    const plan = await db.execute(
      sql`explain (format json) ${db.select({ one: sql`1` }).from(cdr).where(where)}`,
    );
    return { count: planRows(plan), capped: false, estimated: true, billsec: null };
  }
}

/** Every record of one call and its queue events, or null when it doesn't exist or is out of scope. */
export async function getCallByLinkedid({
  linkedid,
  scope,
}: {
  linkedid: string;
  scope: CallScope;
}): Promise<{ legs: CdrRow[]; queueEvents: QueueEventRow[] } | null> {
  // Both at once: one round trip's latency, not two. Scope is checked before anything is returned.
  const [legs, events] = await Promise.all([
    db
      .select()
      .from(cdr)
      .where(eq(cdr.linkedid, linkedid))
      .orderBy(asc(cdr.calldate), asc(cdr.id))
      .limit(500),
    db
      .select()
      .from(queueEvents)
      .where(eq(queueEvents.linkedid, linkedid))
      .orderBy(asc(queueEvents.occurredAt), asc(queueEvents.id))
      .limit(500),
  ]);
  if (!legs.length) return null;
  if (scope.kind === "own" && !legs.some((leg) => legTouches(leg, scope.extension))) return null;
  return { legs, queueEvents: events };
}

/** Pages through every matching call in keyset batches (exports); memory stays at one batch. */
export async function* iterateCalls({
  filters,
  scope,
  batchSize = 1000,
  now = new Date(),
}: {
  filters: CallFilters;
  scope: CallScope;
  batchSize?: number;
  now?: Date;
}): AsyncGenerator<CallListRow[]> {
  let cursor: string | undefined = filters.cursor;
  for (;;) {
    const page = await listCalls({ filters: { ...filters, cursor }, scope, limit: batchSize, now });
    if (page.rows.length) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

function legTouches(leg: CdrRow, extension: string | null): boolean {
  if (!extension) return false;
  const prefix = `PJSIP/${extension}-`;
  return (
    leg.src === extension ||
    leg.dst === extension ||
    leg.channel.startsWith(prefix) ||
    leg.dstchannel.startsWith(prefix)
  );
}

type HeadRow = Omit<CallListRow, "legs" | "queues" | "agents">;

/** Leg counts, queues and agents for one page of calls: two small queries on indexed linkedids. */
async function withCallDetails(heads: HeadRow[]): Promise<CallListRow[]> {
  const ids = [...new Set(heads.map((h) => h.linkedid).filter(Boolean))];
  if (!ids.length) return heads.map((h) => ({ ...h, legs: 1, queues: [], agents: [] }));
  const [legs, events] = await Promise.all([
    db
      .select({ linkedid: cdr.linkedid, n: sql<number>`count(*)::int` })
      .from(cdr)
      .where(inArray(cdr.linkedid, ids))
      .groupBy(cdr.linkedid),
    db
      .selectDistinct({
        linkedid: queueEvents.linkedid,
        queue: queueEvents.queue,
        iface: queueEvents.interface,
        kind: queueEvents.kind,
      })
      .from(queueEvents)
      .where(inArray(queueEvents.linkedid, ids)),
  ]);
  const legCount = new Map(legs.map((l) => [l.linkedid, Number(l.n)]));
  return heads.map((h) => {
    const mine = events.filter((e) => e.linkedid === h.linkedid);
    return {
      ...h,
      legs: legCount.get(h.linkedid) ?? 1,
      queues: [...new Set(mine.map((e) => e.queue))],
      agents: [...new Set(mine.filter((e) => e.kind === "connect" && e.iface).map((e) => e.iface as string))],
    };
  });
}
