import "server-only";
import {
  and,
  eq,
  exists,
  gte,
  ilike,
  inArray,
  like,
  lt,
  lte,
  notExists,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { db } from "@/lib/db/client";
import { callWrapups, dispositionCodes } from "@/lib/db/schema/agent";
import { callParties, cdr } from "@/lib/db/schema/live";
import { recordings } from "@/lib/db/schema/recordings";
import { type CallFilters, dateRange, SORT_KEYS, type SortKey } from "@/lib/validations/calls";
import type { CallScope } from "./calls";
import { likeContains } from "./pagination";

/** The search conditions and planner helpers behind call history (see calls.ts). */

/** Date ranges up to this many days sort by duration/billsec through one index walk per day. */
export const MAX_MERGED_DAYS = 62;
const DAY_MS = 86_400_000;

/** Where a newest/oldest-first page resumes: the last call shown (listCalls' calldate keyset). */
export type DateKeyset = { calldate: string; id: number; descending: boolean };

/** The WHERE of a call search, on head records. Every value is a bound parameter. */
export function callConditions({
  filters: f,
  scope,
  now = new Date(),
  after,
}: {
  filters: CallFilters;
  scope: CallScope;
  now?: Date;
  after?: DateKeyset;
}): SQL | undefined {
  const { start, end } = dateRange(f, now);
  const bounds: PartyBounds = { start, end, after };
  // A call's other records happen after its head starts, within a day (calls are shorter than
  // that): bounding the fallback extension semi-join by date keeps it small.
  const window = { start, end: end ? new Date(end.getTime() + DAY_MS) : undefined };
  return and(
    eq(cdr.callHead, true),
    start ? gte(cdr.calldate, start) : undefined,
    end ? lt(cdr.calldate, end) : undefined,
    f.q ? numberContains(f.q) : undefined,
    f.ext ? touchesExtension(f.ext, window, bounds) : undefined,
    scope.kind === "own"
      ? scope.extension
        ? touchesExtension(scope.extension, window, bounds)
        : sql`false`
      : undefined,
    f.queue ? hasParty("queue", f.queue, bounds) : undefined,
    f.agent ? hasParty("agent", f.agent, bounds) : undefined,
    f.direction ? eq(cdr.direction, f.direction) : undefined,
    f.disposition ? eq(cdr.disposition, f.disposition) : undefined,
    f.recorded ? (f.recorded === "yes" ? exists : notExists)(recordingOf()) : undefined,
    f.code ? inArray(cdr.linkedid, wrappedUpAs(f.code)) : undefined,
    f.minDuration !== undefined ? gte(cdr.duration, f.minDuration) : undefined,
    f.maxDuration !== undefined ? lte(cdr.duration, f.maxDuration) : undefined,
  );
}

/**
 * "Number contains": the caller, the dialled number or the caller-ID name contains `q`, case
 * aside. Two things keep the trigram index (cdr_head_numbers_trgm_idx) cheap:
 *  - without letters, LIKE is the same test as ILIKE and a good deal cheaper per row;
 *  - pg_trgm pads a word after a non-word character, so "+12345" asks the index for "  1" and
 *    " 12", in nearly every number. The index is asked for the words only ("%12345%", implied by
 *    the real condition), and the real condition is checked on the candidates, written on the
 *    numbers joined by a character `q` can't hold (so it matches exactly when one of them does)
 *    so that the planner can't choose the padded index search instead.
 */
function numberContains(q: string): SQL {
  const match = /[A-Za-z]/.test(q) ? ilike : like;
  const exact = likeContains(q);
  const words = q.split(/[^0-9A-Za-z]+/).filter(Boolean);
  const loose = `%${words.join("%")}%`; // letters and digits only: nothing to escape
  const anyOf = (pattern: string) =>
    or(match(cdr.src, pattern), match(cdr.dst, pattern), match(cdr.clid, pattern));
  if (!words.length || loose === exact) return anyOf(exact) as SQL;
  const joined = sql`(${cdr.src} || chr(31) || ${cdr.dst} || chr(31) || ${cdr.clid})`;
  return and(anyOf(loose), match(joined, exact)) as SQL;
}

/** The call's recordings (by Linkedid, indexed), for the "has a recording" filter. */
function recordingOf() {
  return db.select({ one: sql`1` }).from(recordings).where(eq(recordings.linkedid, cdr.linkedid));
}

/**
 * Linkedids of calls an agent saved with this disposition code: a walk of the (code id,
 * linkedid) index, so it composes with any sort and keyset like the other semi-joins.
 */
function wrappedUpAs(code: string) {
  return db
    .select({ l: callWrapups.linkedid })
    .from(callWrapups)
    .where(
      and(
        eq(callWrapups.status, "saved"),
        inArray(
          callWrapups.dispositionCodeId,
          db
            .select({ id: dispositionCodes.id })
            .from(dispositionCodes)
            .where(eq(dispositionCodes.code, code)),
        ),
      ),
    );
}

/** Rejects a sort key outside the allowlist, whatever the caller's types claimed. */
export function assertSortKey(value: unknown): SortKey {
  if (typeof value === "string" && (SORT_KEYS as readonly string[]).includes(value)) return value as SortKey;
  throw new Error(`Unsupported sort key: ${String(value).slice(0, 40)}`);
}

type Window = { start?: Date; end?: Date };

/** What `call_parties` indexes as an `ext` party (drizzle/0010_call_parties_triggers.sql). */
const EXTENSION_PARTY = /^[0-9]{2,8}$/;

/**
 * A call touches an extension when any record is from, to, or on a channel of it. For every
 * extension the app accepts (2–8 digits) that is one probe of `call_parties`, which the planner
 * can also walk newest first; anything else keeps the semi-join over the records.
 */
function touchesExtension(extension: string, window: Window, bounds: PartyBounds): SQL {
  if (EXTENSION_PARTY.test(extension)) return hasParty("ext", extension, bounds);
  const prefix = `PJSIP/${extension}-%`;
  const from = window.start ? sql` and l.calldate >= ${window.start.toISOString()}::timestamptz` : sql``;
  const to = window.end ? sql` and l.calldate < ${window.end.toISOString()}::timestamptz` : sql``;
  const legs = sql`select l.linkedid from ${cdr} l where (l.src = ${extension} or l.dst = ${extension}
    or l.channel like ${prefix} or l.dstchannel like ${prefix})${from}${to}`;
  return sql`${cdr.linkedid} in (${legs})`;
}

type PartyBounds = { start?: Date; end?: Date; after?: DateKeyset };

/**
 * The call (this head record) has the party. Matching call_start as well as head_id makes the
 * probe an exact lookup of call_parties' primary key. The date range and the page's keyset are
 * repeated on call_start (the planner carries only constants across the join), so when the party
 * is the rarest condition the search can walk that key instead, newest first, within the range.
 */
function hasParty(kind: "ext" | "queue" | "agent", party: string, { start, end, after }: PartyBounds): SQL {
  const p = callParties;
  return exists(
    db
      .select({ one: sql`1` })
      .from(p)
      .where(
        and(
          eq(p.kind, kind),
          eq(p.party, party),
          eq(p.callStart, cdr.calldate),
          eq(p.headId, cdr.id),
          start ? gte(p.callStart, start) : undefined,
          end ? lt(p.callStart, end) : undefined,
          after
            ? after.descending
              ? sql`(${p.callStart}, ${p.headId}) < (${after.calldate}::timestamptz, ${after.id})`
              : sql`(${p.callStart}, ${p.headId}) > (${after.calldate}::timestamptz, ${after.id})`
            : undefined,
        ),
      ),
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
