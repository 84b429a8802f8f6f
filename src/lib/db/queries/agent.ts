import "server-only";
import { and, asc, desc, eq, gt, inArray, like, lte, type SQL, sql } from "drizzle-orm";
import type { CallbackScope } from "@/lib/agent/callback-scope";
import { queueAsteriskName } from "@/lib/asterisk/live/scope";
import { db } from "@/lib/db/client";
import {
  type Callback,
  type CallWrapup,
  callbacks,
  callWrapups,
  type DispositionCode,
  dispositionCodes,
} from "@/lib/db/schema/agent";
import { extensions } from "@/lib/db/schema/extensions";
import { breakCodes } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";
import type { CallbackFilters } from "@/lib/validations/agent-workflow";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";
import type { QueueRef } from "./panel";

/** Every disposition code in display order; a handful per call centre, so no paging. */
export async function listDispositionCodes({
  activeOnly = false,
}: {
  activeOnly?: boolean;
} = {}): Promise<DispositionCode[]> {
  return db
    .select()
    .from(dispositionCodes)
    .where(activeOnly ? eq(dispositionCodes.active, true) : undefined)
    .orderBy(asc(dispositionCodes.sortOrder), asc(dispositionCodes.label));
}

export async function getDispositionCodeById({ id }: { id: string }): Promise<DispositionCode | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(dispositionCodes).where(eq(dispositionCodes.id, id)).limit(1);
  return row;
}

/** How many saved wrap-ups use the code (deleting it is refused while any does). */
export async function countDispositionUses({ id }: { id: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(callWrapups)
    .where(eq(callWrapups.dispositionCodeId, id));
  return Number(row?.n ?? 0);
}

export type PendingWrapup = Pick<
  CallWrapup,
  "id" | "queue" | "linkedid" | "callerIdNum" | "required" | "notesRequired" | "endedAt"
>;
export type InboxCallback = Pick<Callback, "id" | "number" | "dueAt" | "note" | "linkedid">;

/** Callbacks due up to this far ahead travel to the browser, which raises each reminder on time. */
export const REMINDER_HORIZON_MS = 24 * 3_600_000;

/** What the agent widget shows: the user's pending wrap-ups, oldest first, and their callbacks due soon. */
export async function getAgentInbox({
  userId,
  wrapups,
  callbacks: withCallbacks,
  now = new Date(),
}: {
  userId: string;
  wrapups: boolean;
  callbacks: boolean;
  now?: Date;
}): Promise<{ wrapups: PendingWrapup[]; callbacks: InboxCallback[] }> {
  const [w, c] = await Promise.all([
    wrapups
      ? db
          .select({
            id: callWrapups.id,
            queue: callWrapups.queue,
            linkedid: callWrapups.linkedid,
            callerIdNum: callWrapups.callerIdNum,
            required: callWrapups.required,
            notesRequired: callWrapups.notesRequired,
            endedAt: callWrapups.endedAt,
          })
          .from(callWrapups)
          .where(and(eq(callWrapups.userId, userId), eq(callWrapups.status, "pending")))
          .orderBy(asc(callWrapups.endedAt), asc(callWrapups.id))
          .limit(20)
      : Promise.resolve([]),
    withCallbacks
      ? db
          .select({
            id: callbacks.id,
            number: callbacks.number,
            dueAt: callbacks.dueAt,
            note: callbacks.note,
            linkedid: callbacks.linkedid,
          })
          .from(callbacks)
          .where(
            and(
              eq(callbacks.userId, userId),
              eq(callbacks.status, "scheduled"),
              lte(callbacks.dueAt, new Date(now.getTime() + REMINDER_HORIZON_MS)),
            ),
          )
          .orderBy(asc(callbacks.dueAt), asc(callbacks.id))
          .limit(50)
      : Promise.resolve([]),
  ]);
  return { wrapups: w, callbacks: c };
}

export type CallWrapupView = {
  id: number;
  status: CallWrapup["status"];
  queue: string;
  extension: string;
  agentName: string | null;
  notes: string;
  savedAt: Date | null;
  dispositionCode: string | null;
  dispositionLabel: string | null;
};

/** The wrap-ups of one call (one per agent who took a leg of it), for the call drawer. */
export async function listCallWrapups({ linkedid }: { linkedid: string }): Promise<CallWrapupView[]> {
  return db
    .select({
      id: callWrapups.id,
      status: callWrapups.status,
      queue: callWrapups.queue,
      extension: callWrapups.extension,
      agentName: users.name,
      notes: callWrapups.notes,
      savedAt: callWrapups.savedAt,
      dispositionCode: dispositionCodes.code,
      dispositionLabel: dispositionCodes.label,
    })
    .from(callWrapups)
    .leftJoin(users, eq(users.id, callWrapups.userId))
    .leftJoin(dispositionCodes, eq(dispositionCodes.id, callWrapups.dispositionCodeId))
    .where(eq(callWrapups.linkedid, linkedid))
    .orderBy(asc(callWrapups.endedAt), asc(callWrapups.id))
    .limit(50);
}

export type CallbackListRow = Pick<
  Callback,
  "id" | "userId" | "number" | "dueAt" | "note" | "linkedid" | "status" | "completedAt" | "createdAt"
> & { agentName: string };

const CALLBACK_SORT_COLUMNS = { due: callbacks.dueAt, created: callbacks.createdAt } as const;
type CallbackCursor = [string, string];
const isCallbackCursor = (v: unknown): v is CallbackCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string";

/**
 * Callbacks in scope, keyset-paged on (sort key, id):
 * - due: scheduled and due now or earlier (oldest first: the most overdue on top);
 * - upcoming: scheduled and due later (soonest first);
 * - past: completed or cancelled (latest first).
 * `who: "mine"` narrows any scope to the user's own.
 */
export async function listCallbacks({
  filters,
  scope,
  userId,
  now = new Date(),
  limit = PAGE_SIZE,
}: {
  filters: CallbackFilters;
  scope: CallbackScope;
  userId: string;
  now?: Date;
  limit?: number;
}): Promise<Page<CallbackListRow>> {
  const column = CALLBACK_SORT_COLUMNS[filters.sort] ?? callbacks.dueAt;
  const descending = (filters.dir ?? (filters.view === "past" ? "desc" : "asc")) === "desc";
  const after = decodeCursor(filters.cursor, isCallbackCursor);
  let keyset: SQL | undefined;
  if (after && /^[0-9a-f-]{36}$/i.test(after[1]) && !Number.isNaN(Date.parse(after[0]))) {
    const value = sql`${after[0]}::timestamptz`;
    keyset = descending
      ? sql`(${column}, ${callbacks.id}) < (${value}, ${after[1]}::uuid)`
      : sql`(${column}, ${callbacks.id}) > (${value}, ${after[1]}::uuid)`;
  }
  const view =
    filters.view === "due"
      ? and(eq(callbacks.status, "scheduled"), lte(callbacks.dueAt, now))
      : filters.view === "upcoming"
        ? and(eq(callbacks.status, "scheduled"), gt(callbacks.dueAt, now))
        : inArray(callbacks.status, ["completed", "cancelled"]);
  const who =
    filters.who === "mine"
      ? eq(callbacks.userId, userId)
      : scope.kind === "all"
        ? undefined
        : scope.ids.length
          ? inArray(callbacks.userId, scope.ids)
          : sql`false`;
  const rows = await db
    .select({
      id: callbacks.id,
      userId: callbacks.userId,
      number: callbacks.number,
      dueAt: callbacks.dueAt,
      note: callbacks.note,
      linkedid: callbacks.linkedid,
      status: callbacks.status,
      completedAt: callbacks.completedAt,
      createdAt: callbacks.createdAt,
      agentName: users.name,
    })
    .from(callbacks)
    .innerJoin(users, eq(users.id, callbacks.userId))
    .where(and(view, who, filters.q ? like(callbacks.number, likeContains(filters.q)) : undefined, keyset))
    .orderBy(...(descending ? [desc(column), desc(callbacks.id)] : [asc(column), asc(callbacks.id)]))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const key = (r: CallbackListRow) => (filters.sort === "created" ? r.createdAt : r.dueAt).toISOString();
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor([key(last), last.id]) : null };
}

/** Counts for the callbacks page tabs. */
export async function countDueCallbacks({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(callbacks)
    .where(and(eq(callbacks.userId, userId), eq(callbacks.status, "scheduled"), lte(callbacks.dueAt, now)))
    .limit(1);
  return Number(row?.n ?? 0);
}

/** The agent dock's choices: active break codes and the queues the user's extension belongs to. */
export async function getAgentControls({ extension }: { extension: string | null }): Promise<{
  breakCodes: { code: string; label: string }[];
  myQueues: QueueRef[];
}> {
  const [codes, mine] = await Promise.all([
    db
      .select({ code: breakCodes.code, label: breakCodes.label })
      .from(breakCodes)
      .where(eq(breakCodes.active, true))
      .orderBy(asc(breakCodes.sortOrder), asc(breakCodes.label)),
    extension
      ? db
          .select({ number: queues.number, label: queues.name })
          .from(queueMembers)
          .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId))
          .innerJoin(queues, eq(queues.id, queueMembers.queueId))
          .where(eq(extensions.number, extension))
          .orderBy(asc(sql`char_length(${queues.number})`), asc(queues.number))
      : Promise.resolve([]),
  ]);
  return {
    breakCodes: codes,
    myQueues: mine.map((q) => ({ name: queueAsteriskName(q.number), number: q.number, label: q.label })),
  };
}
