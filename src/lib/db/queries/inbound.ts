import "server-only";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  type CallerList,
  type CallerListEntry,
  callerListAssignments,
  callerListEntries,
  callerLists,
  type Did,
  didCallerRules,
  dids,
  type RingTree,
  type RingTreeNode,
  ringTreeNodes,
  ringTrees,
} from "@/lib/db/schema/inbound";
import { listCallerListUsesTx } from "@/lib/routing/caller-list-uses";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

const isUuid = (id: string) => /^[0-9a-f-]{36}$/i.test(id);

type NumberCursor = { len: number; number: string };
const isNumberCursor = (v: unknown): v is NumberCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as NumberCursor).len === "number" &&
  typeof (v as NumberCursor).number === "string";

export type DidListRow = Pick<
  Did,
  "id" | "number" | "description" | "trunkName" | "destinationType" | "destinationTarget"
> & { ruleCount: number; listCount: number };

/** DIDs in number order (shorter first). Search matches number, description or trunk. */
export async function listDids({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<DidListRow>> {
  const after = decodeCursor(cursor, isNumberCursor);
  const search = q?.trim();
  const rows = await db
    .select({
      id: dids.id,
      number: dids.number,
      description: dids.description,
      trunkName: dids.trunkName,
      destinationType: dids.destinationType,
      destinationTarget: dids.destinationTarget,
      ruleCount: sql<number>`(select count(*)::int from ${didCallerRules} r where r.did_id = ${dids}.id)`,
      listCount: sql<number>`(select count(*)::int from ${callerListAssignments} a where a.did_id = ${dids}.id)`,
    })
    .from(dids)
    .where(
      and(
        search
          ? or(
              ilike(dids.number, likeContains(search)),
              ilike(dids.description, likeContains(search)),
              ilike(dids.trunkName, likeContains(search)),
            )
          : undefined,
        after
          ? sql`(char_length(${dids.number}), ${dids.number}) > (${after.len}, ${after.number})`
          : undefined,
      ),
    )
    .orderBy(asc(sql`char_length(${dids.number})`), asc(dids.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ len: last.number.length, number: last.number }) : null,
  };
}

export type DidDetail = Did & {
  rules: { pattern: string; destinationType: Did["destinationType"]; destinationTarget: string | null }[];
  lists: string[];
};

export async function getDidById({ id }: { id: string }): Promise<DidDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const [did] = await db.select().from(dids).where(eq(dids.id, id)).limit(1);
  if (!did) return undefined;
  const [rules, lists] = await Promise.all([
    db
      .select({
        pattern: didCallerRules.pattern,
        destinationType: didCallerRules.destinationType,
        destinationTarget: didCallerRules.destinationTarget,
      })
      .from(didCallerRules)
      .where(eq(didCallerRules.didId, id))
      .orderBy(asc(didCallerRules.position)),
    db
      .select({ listId: callerListAssignments.listId })
      .from(callerListAssignments)
      .where(eq(callerListAssignments.didId, id))
      .orderBy(asc(callerListAssignments.id)),
  ]);
  return { ...did, rules, lists: lists.map((l) => l.listId) };
}

/** Every DID number with its description: the dry-run page's choices. */
export async function listDidOptions(): Promise<{ number: string; description: string }[]> {
  return db
    .select({ number: dids.number, description: dids.description })
    .from(dids)
    .orderBy(asc(sql`char_length(${dids.number})`), asc(dids.number))
    .limit(5000);
}

// ---- Block and allow lists ----

export type CallerListRow = CallerList & { entryCount: number; useCount: number };

/** Lists by name; few enough for one page, and the pickers need them all. */
export async function listCallerLists(): Promise<CallerListRow[]> {
  return db
    .select({
      id: callerLists.id,
      name: callerLists.name,
      kind: callerLists.kind,
      description: callerLists.description,
      createdAt: callerLists.createdAt,
      updatedAt: callerLists.updatedAt,
      entryCount: sql<number>`(select count(*)::int from ${callerListEntries} e where e.list_id = ${callerLists}.id)`,
      useCount: sql<number>`((select count(*)::int from ${callerListAssignments} a where a.list_id = ${callerLists}.id) + (select count(*)::int from ${ringTreeNodes} n where n.list_id = ${callerLists}.id))`,
    })
    .from(callerLists)
    .orderBy(asc(callerLists.name))
    .limit(1000);
}

export type CallerListOption = { id: string; name: string; kind: CallerList["kind"] };

export async function listCallerListOptions(): Promise<CallerListOption[]> {
  return db
    .select({ id: callerLists.id, name: callerLists.name, kind: callerLists.kind })
    .from(callerLists)
    .orderBy(asc(callerLists.name))
    .limit(1000);
}

export async function getCallerListById({ id }: { id: string }): Promise<CallerList | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(callerLists).where(eq(callerLists.id, id)).limit(1);
  return row;
}

/** A list's entries by value, keyset-paged; search matches the value. */
export async function listCallerListEntries({
  listId,
  q,
  cursor,
  limit = 100,
}: {
  listId: string;
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<Pick<CallerListEntry, "id" | "value" | "expiresAt" | "createdAt">>> {
  const after = decodeCursor(
    cursor,
    (v): v is { value: string } => typeof (v as { value?: unknown })?.value === "string",
  );
  const search = q?.trim();
  const rows = await db
    .select({
      id: callerListEntries.id,
      value: callerListEntries.value,
      expiresAt: callerListEntries.expiresAt,
      createdAt: callerListEntries.createdAt,
    })
    .from(callerListEntries)
    .where(
      and(
        eq(callerListEntries.listId, listId),
        search ? ilike(callerListEntries.value, likeContains(search)) : undefined,
        after ? sql`${callerListEntries.value} > ${after.value}` : undefined,
      ),
    )
    .orderBy(asc(callerListEntries.value))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ value: last.value }) : null };
}

/** What uses a list: DIDs, queues and ring trees (assignments and filter nodes). */
export async function listCallerListUses({ id }: { id: string }): Promise<string[]> {
  if (!isUuid(id)) return [];
  return listCallerListUsesTx(db, id);
}

// ---- Ring trees ----

export type RingTreeListRow = Pick<RingTree, "id" | "number" | "name"> & { nodeCount: number };

export async function listRingTrees({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<RingTreeListRow>> {
  const after = decodeCursor(cursor, isNumberCursor);
  const search = q?.trim();
  const t = ringTrees;
  const rows = await db
    .select({
      id: t.id,
      number: t.number,
      name: t.name,
      nodeCount: sql<number>`(select count(*)::int from ${ringTreeNodes} n where n.tree_id = ${t}.id)`,
    })
    .from(t)
    .where(
      and(
        search ? or(ilike(t.number, likeContains(search)), ilike(t.name, likeContains(search))) : undefined,
        after ? sql`(char_length(${t.number}), ${t.number}) > (${after.len}, ${after.number})` : undefined,
      ),
    )
    .orderBy(asc(sql`char_length(${t.number})`), asc(t.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ len: last.number.length, number: last.number }) : null,
  };
}

export type RingTreeDetail = RingTree & { nodes: RingTreeNode[]; lists: string[] };

export async function getRingTreeById({ id }: { id: string }): Promise<RingTreeDetail | undefined> {
  if (!isUuid(id)) return undefined;
  const [tree] = await db.select().from(ringTrees).where(eq(ringTrees.id, id)).limit(1);
  if (!tree) return undefined;
  const [nodes, lists] = await Promise.all([
    db.select().from(ringTreeNodes).where(eq(ringTreeNodes.treeId, id)).orderBy(asc(ringTreeNodes.position)),
    db
      .select({ listId: callerListAssignments.listId })
      .from(callerListAssignments)
      .where(eq(callerListAssignments.ringTreeId, id))
      .orderBy(asc(callerListAssignments.id)),
  ]);
  return { ...tree, nodes, lists: lists.map((l) => l.listId) };
}

/** Lists assigned to queues, by queue id (the queue form). */
export async function getQueueListIds({ queueId }: { queueId: string }): Promise<string[]> {
  if (!isUuid(queueId)) return [];
  const rows = await db
    .select({ listId: callerListAssignments.listId })
    .from(callerListAssignments)
    .where(eq(callerListAssignments.queueId, queueId))
    .orderBy(asc(callerListAssignments.id));
  return rows.map((r) => r.listId);
}
