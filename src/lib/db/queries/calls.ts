import "server-only";
import { and, asc, desc, eq, getTableColumns, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { unionAll } from "drizzle-orm/pg-core";
import { type Db, db, dbHandle } from "@/lib/db/client";
import { callWrapups, dispositionCodes } from "@/lib/db/schema/agent";
import { type RouteEventRow, routeEvents } from "@/lib/db/schema/inbound";
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
 * "Has a recording" is an EXISTS on `recordings` by Linkedid; "disposition code" a semi-join on
 * the agents' saved wrap-ups (call_wrapups) by Linkedid.
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
> & {
  legs: number;
  queues: string[];
  agents: string[];
  /** Labels of the dispositions agents saved for the call, and their notes. */
  dispositions: string[];
  dispositionNotes: string[];
};

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
  const dateKeyset =
    after && sort === "calldate" ? { calldate: String(after[0]), id: after[1], descending } : undefined;
  const where = and(callConditions({ filters, scope, now, after: dateKeyset }), keyset);
  const query = (extra?: SQL) =>
    db
      // The Linkedid again under a name no table has: the detail sub-selects below run inside
      // cdr and queue_events, where a plain "linkedid" would mean their own column.
      .select({ ...HEAD_COLUMNS, callKey: sql<string>`${cdr.linkedid}`.as("call_key") })
      .from(cdr)
      .where(and(where, extra))
      .orderBy(...order)
      .limit(limit + 1);
  // A date range sorted by duration or billed time: the (day, key, id) index gives each UTC day
  // in key order, so a page is at most `limit` rows per day, merged; one walk of the (key, id)
  // index would first skip every call outside the range.
  const days = sort === "calldate" ? null : daysOf(dateRange(filters, now));
  const [first, second, ...rest] = days ?? [];
  const heads = (
    days && first && second && days.length <= MAX_MERGED_DAYS
      ? unionAll(query(onDay(first)), query(onDay(second)), ...rest.map((d) => query(onDay(d))))
          .orderBy(...order)
          .limit(limit + 1)
      : query(days?.length === 1 && first ? onDay(first) : undefined)
  ).as("h");
  // The page and each call's record count, queues and agents in one statement: one round trip
  // (under load each one waits for a core), and the details are computed for these rows only.
  const headOrder = descending ? [desc(heads[sort]), desc(heads.id)] : [asc(heads[sort]), asc(heads.id)];
  const found = await db
    .select({
      id: heads.id,
      calldate: heads.calldate,
      answer: heads.answer,
      end: heads.end,
      clid: heads.clid,
      src: heads.src,
      dst: heads.dst,
      disposition: heads.disposition,
      duration: heads.duration,
      billsec: heads.billsec,
      direction: heads.direction,
      linkedid: heads.linkedid,
      uniqueid: heads.uniqueid,
      origin: heads.origin,
      ...callDetails(heads.callKey),
    })
    .from(heads)
    .orderBy(...headOrder);
  const rows = found.slice(0, limit);
  const last = rows.at(-1);
  const nextCursor =
    found.length > limit && last
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
}): Promise<{ legs: CdrRow[]; queueEvents: QueueEventRow[]; routeEvents: RouteEventRow[] } | null> {
  // Both at once: one round trip's latency. Scope is checked before anything is returned.
  const [rows, route] = await Promise.all([
    callByLinkedid(dbHandle().db).execute({ linkedid }),
    db
      .select()
      .from(routeEvents)
      .where(eq(routeEvents.linkedid, linkedid))
      .orderBy(asc(routeEvents.occurredAt), asc(routeEvents.id))
      .limit(500),
  ]);
  const legs = rows.map((r) => r.leg);
  if (!legs.length) return null;
  if (scope.kind === "own" && !legs.some((leg) => legTouches(leg, scope.extension))) return null;
  return { legs, queueEvents: (rows[0]?.events ?? []).map(queueEventFromJson), routeEvents: route };
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

// The SQL names: the client runs with casing "snake_case", so unnamed columns are keyed in camelCase.
const callStatements = new WeakMap<Db, ReturnType<typeof prepareCallByLinkedid>>();

/** getCallByLinkedid's statement, prepared once per database (and per pooled connection). */
function callByLinkedid(real: Db) {
  let statement = callStatements.get(real);
  if (!statement) {
    statement = prepareCallByLinkedid(real);
    callStatements.set(real, statement);
  }
  return statement;
}

/**
 * One statement, so one round trip and one backend to schedule (the detail drawer and recording
 * look-ups wait on it): the queue events ride along as JSON, computed once (an InitPlan). Named
 * and prepared, so it isn't parsed and planned again on every look-up.
 */
function prepareCallByLinkedid(real: Db) {
  const linkedid = sql.placeholder("linkedid");
  const events = real
    .select()
    .from(queueEvents)
    .where(eq(queueEvents.linkedid, linkedid))
    .orderBy(asc(queueEvents.occurredAt), asc(queueEvents.id))
    .limit(500)
    .as("e");
  return real
    .select({
      leg: cdr,
      events: sql<
        Record<string, unknown>[]
      >`(select coalesce(json_agg(e order by e.occurred_at, e.id), '[]'::json) from ${events})`,
    })
    .from(cdr)
    .where(eq(cdr.linkedid, linkedid))
    .orderBy(asc(cdr.calldate), asc(cdr.id))
    .limit(500)
    .prepare("call_by_linkedid");
}

const QUEUE_EVENT_COLUMNS = Object.entries(getTableColumns(queueEvents)).map(
  ([key, column]) => [key, column.keyAsName ? toSnakeCase(column.name) : column.name, column] as const,
);

/** A queue_events row from its json_agg form (snake_case keys, ISO times) as drizzle maps it. */
function queueEventFromJson(json: Record<string, unknown>): QueueEventRow {
  const row: Record<string, unknown> = {};
  for (const [key, name, column] of QUEUE_EVENT_COLUMNS) {
    const value = json[name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as QueueEventRow;
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

/**
 * A call's record count, queues and agents (who connected), as columns of the page's statement.
 * A head without a Linkedid is a call of one record.
 */
function callDetails(linkedid: SQLWrapper) {
  return {
    legs: sql<number>`case when ${linkedid} = '' then 1 else (select count(*)::int from ${cdr} l where l.linkedid = ${linkedid}) end`.mapWith(
      Number,
    ),
    queues: sql<
      string[]
    >`(select coalesce(array_agg(distinct q.queue::text), '{}') from ${queueEvents} q where q.linkedid = ${linkedid} and ${linkedid} <> '')`,
    agents: sql<
      string[]
    >`(select coalesce(array_agg(distinct q.interface::text), '{}') from ${queueEvents} q where q.linkedid = ${linkedid} and ${linkedid} <> '' and q.kind = 'connect' and q.interface is not null)`,
    /** Labels of the saved wrap-ups' disposition codes, in the order they were saved, and their notes. */
    dispositions: sql<
      string[]
    >`(select coalesce(array_agg(d.label::text order by w.ended_at, w.id), '{}') from ${callWrapups} w join ${dispositionCodes} d on d.id = w.disposition_code_id where w.linkedid = ${linkedid} and ${linkedid} <> '' and w.status = 'saved')`,
    dispositionNotes: sql<
      string[]
    >`(select coalesce(array_agg(w.notes::text order by w.ended_at, w.id), '{}') from ${callWrapups} w where w.linkedid = ${linkedid} and ${linkedid} <> '' and w.status = 'saved' and w.notes <> '' and w.disposition_code_id is not null)`,
  };
}
