import "server-only";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  type ExtensionGroup,
  extensionGroupMembers,
  extensionGroups,
  extensions,
} from "@/lib/db/schema/extensions";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

export type GroupListRow = Pick<
  ExtensionGroup,
  "id" | "number" | "name" | "strategy" | "ringTime" | "failoverType" | "failoverTarget"
> & { memberCount: number };

export type GroupMemberRow = { extensionId: string; number: string; name: string; position: number };
export type GroupDetail = ExtensionGroup & { members: GroupMemberRow[] };

/** Numbers sort as numbers (shorter first), and are unique, so they alone make the keyset. */
type NumberCursor = { len: number; number: string };
const isNumberCursor = (v: unknown): v is NumberCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as NumberCursor).len === "number" &&
  typeof (v as NumberCursor).number === "string";

/** Ring groups in number order. Search matches number or name. */
export async function listGroups({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<GroupListRow>> {
  const after = decodeCursor(cursor, isNumberCursor);
  const search = q?.trim();
  const g = extensionGroups;
  const rows = await db
    .select({
      id: g.id,
      number: g.number,
      name: g.name,
      strategy: g.strategy,
      ringTime: g.ringTime,
      failoverType: g.failoverType,
      failoverTarget: g.failoverTarget,
      memberCount: sql<number>`(select count(*)::int from ${extensionGroupMembers} m where m.group_id = ${g.id})`,
    })
    .from(g)
    .where(
      and(
        search ? or(ilike(g.number, likeContains(search)), ilike(g.name, likeContains(search))) : undefined,
        after ? sql`(char_length(${g.number}), ${g.number}) > (${after.len}, ${after.number})` : undefined,
      ),
    )
    .orderBy(asc(sql`char_length(${g.number})`), asc(g.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ len: last.number.length, number: last.number }) : null,
  };
}

export async function getGroupById({ id }: { id: string }): Promise<GroupDetail | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [group] = await db.select().from(extensionGroups).where(eq(extensionGroups.id, id)).limit(1);
  if (!group) return undefined;
  const members = await db
    .select({
      extensionId: extensionGroupMembers.extensionId,
      number: extensions.number,
      name: extensions.displayName,
      position: extensionGroupMembers.position,
    })
    .from(extensionGroupMembers)
    .innerJoin(extensions, eq(extensions.id, extensionGroupMembers.extensionId))
    .where(eq(extensionGroupMembers.groupId, id))
    .orderBy(asc(extensionGroupMembers.position));
  return { ...group, members };
}
