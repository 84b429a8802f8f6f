import "server-only";
import { and, eq, exists, gte, ilike, inArray, lt, lte, notExists, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { cdr, queueEvents } from "@/lib/db/schema/live";
import { recordings } from "@/lib/db/schema/recordings";
import { type CallFilters, dateRange, SORT_KEYS, type SortKey } from "@/lib/validations/calls";
import type { CallScope } from "./calls";
import { likeContains } from "./pagination";

/** The search conditions and planner helpers behind call history (see calls.ts). */

/** Date ranges up to this many days sort by duration/billsec through one index walk per day. */
export const MAX_MERGED_DAYS = 62;
const DAY_MS = 86_400_000;

/** The WHERE of a call search, on head records. Every value is a bound parameter. */
export function callConditions({
  filters: f,
  scope,
  now = new Date(),
}: {
  filters: CallFilters;
  scope: CallScope;
  now?: Date;
}): SQL | undefined {
  const { start, end } = dateRange(f, now);
  const pattern = f.q ? likeContains(f.q) : undefined;
  // A call's other records and queue events happen after its head starts, within a day (calls
  // are shorter than that): bounding the sub-searches by date keeps them small.
  const window = { start, end: end ? new Date(end.getTime() + DAY_MS) : undefined };
  return and(
    eq(cdr.callHead, true),
    start ? gte(cdr.calldate, start) : undefined,
    end ? lt(cdr.calldate, end) : undefined,
    pattern ? or(ilike(cdr.src, pattern), ilike(cdr.dst, pattern), ilike(cdr.clid, pattern)) : undefined,
    f.ext ? touchesExtension(f.ext, window) : undefined,
    scope.kind === "own"
      ? scope.extension
        ? touchesExtension(scope.extension, window)
        : sql`false`
      : undefined,
    f.queue
      ? inArray(
          cdr.linkedid,
          db
            .select({ l: queueEvents.linkedid })
            .from(queueEvents)
            .where(and(eq(queueEvents.queue, f.queue), queueWindow(window))),
        )
      : undefined,
    f.agent
      ? inArray(
          cdr.linkedid,
          db
            .select({ l: queueEvents.linkedid })
            .from(queueEvents)
            .where(
              and(
                eq(queueEvents.interface, f.agent),
                inArray(queueEvents.kind, ["connect", "complete"]),
                queueWindow(window),
              ),
            ),
        )
      : undefined,
    f.direction ? eq(cdr.direction, f.direction) : undefined,
    f.disposition ? eq(cdr.disposition, f.disposition) : undefined,
    f.recorded ? (f.recorded === "yes" ? exists : notExists)(recordingOf()) : undefined,
    f.minDuration !== undefined ? gte(cdr.duration, f.minDuration) : undefined,
    f.maxDuration !== undefined ? lte(cdr.duration, f.maxDuration) : undefined,
  );
}

/** The call's recordings (by Linkedid, indexed), for the "has a recording" filter. */
function recordingOf() {
  return db.select({ one: sql`1` }).from(recordings).where(eq(recordings.linkedid, cdr.linkedid));
}

/** Rejects a sort key outside the allowlist, whatever the caller's types claimed. */
export function assertSortKey(value: unknown): SortKey {
  if (typeof value === "string" && (SORT_KEYS as readonly string[]).includes(value)) return value as SortKey;
  throw new Error(`Unsupported sort key: ${String(value).slice(0, 40)}`);
}

type Window = { start?: Date; end?: Date };

/** A call touches an extension when any record is from, to, or on a channel of it. */
function touchesExtension(extension: string, window: Window): SQL {
  const prefix = `PJSIP/${extension}-%`;
  const from = window.start ? sql` and l.calldate >= ${window.start.toISOString()}::timestamptz` : sql``;
  const to = window.end ? sql` and l.calldate < ${window.end.toISOString()}::timestamptz` : sql``;
  const legs = sql`select l.linkedid from ${cdr} l where (l.src = ${extension} or l.dst = ${extension}
    or l.channel like ${prefix} or l.dstchannel like ${prefix})${from}${to}`;
  return sql`${cdr.linkedid} in (${legs})`;
}

function queueWindow(window: Window): SQL | undefined {
  return and(
    window.start ? gte(queueEvents.occurredAt, window.start) : undefined,
    window.end ? lt(queueEvents.occurredAt, window.end) : undefined,
  );
}

/** The UTC days of a day-aligned range, or null when the range is open. */
export function daysOf({ start, end }: { start?: Date; end?: Date }): string[] | null {
  if (!start || !end) return null;
  const days: string[] = [];
  for (let t = start.getTime(); t < end.getTime() && days.length <= MAX_MERGED_DAYS; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Matches the expression of the cdr_head_day_* indexes exactly, so the planner uses them. */
export function onDay(day: string): SQL {
  return sql`((${cdr.calldate} at time zone 'UTC')::date) = ${day}::date`;
}

export function isStatementTimeout(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    if ((e as { code?: string }).code === "57014") return true;
  return false;
}

/** "Plan Rows" of an EXPLAIN (FORMAT JSON) result, from either driver's result shape. */
export function planRows(result: unknown): number {
  const rows = (result as { rows?: unknown[] }).rows ?? (result as unknown[]);
  const first = (rows?.[0] ?? {}) as Record<string, unknown>;
  let plan = first["QUERY PLAN"];
  if (typeof plan === "string") plan = JSON.parse(plan);
  const top = (plan as { Plan?: { "Plan Rows"?: number } }[] | undefined)?.[0]?.Plan?.["Plan Rows"];
  return Math.max(0, Math.round(Number(top ?? 0)));
}
