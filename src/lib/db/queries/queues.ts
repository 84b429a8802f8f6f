import "server-only";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { type Queue, queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

export type QueueListRow = Pick<
  Queue,
  "id" | "number" | "name" | "strategy" | "activeHours" | "outOfHoursType" | "outOfHoursTarget"
> & { staticCount: number; dynamicCount: number; vipCount: number };

export type QueueDetail = Queue & {
  staticMembers: { number: string; name: string; penalty: number }[];
  dynamicMembers: { number: string; name: string }[];
  vipCallers: { number: string; priority: number }[];
};

type NumberCursor = { len: number; number: string };
const isNumberCursor = (v: unknown): v is NumberCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as NumberCursor).len === "number" &&
  typeof (v as NumberCursor).number === "string";

/** Queues in number order (shorter numbers first). Search matches number or name. */
export async function listQueues({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<QueueListRow>> {
  const after = decodeCursor(cursor, isNumberCursor);
  const search = q?.trim();
  const count = (kind: "static" | "dynamic") =>
    sql<number>`(select count(*)::int from ${queueMembers} m where m.queue_id = ${queues.id} and m.kind = ${kind})`;
  const rows = await db
    .select({
      id: queues.id,
      number: queues.number,
      name: queues.name,
      strategy: queues.strategy,
      activeHours: queues.activeHours,
      outOfHoursType: queues.outOfHoursType,
      outOfHoursTarget: queues.outOfHoursTarget,
      staticCount: count("static"),
      dynamicCount: count("dynamic"),
      vipCount: sql<number>`(select count(*)::int from ${queueVipCallers} v where v.queue_id = ${queues.id})`,
    })
    .from(queues)
    .where(
      and(
        search
          ? or(ilike(queues.number, likeContains(search)), ilike(queues.name, likeContains(search)))
          : undefined,
        after
          ? sql`(char_length(${queues.number}), ${queues.number}) > (${after.len}, ${after.number})`
          : undefined,
      ),
    )
    .orderBy(asc(sql`char_length(${queues.number})`), asc(queues.number))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ len: last.number.length, number: last.number }) : null,
  };
}

export async function getQueueById({ id }: { id: string }): Promise<QueueDetail | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [queue] = await db.select().from(queues).where(eq(queues.id, id)).limit(1);
  if (!queue) return undefined;
  const [members, vipCallers] = await Promise.all([
    db
      .select({
        number: extensions.number,
        name: extensions.displayName,
        kind: queueMembers.kind,
        penalty: queueMembers.penalty,
      })
      .from(queueMembers)
      .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId))
      .where(eq(queueMembers.queueId, id))
      .orderBy(
        asc(queueMembers.penalty),
        asc(sql`char_length(${extensions.number})`),
        asc(extensions.number),
      ),
    db
      .select({ number: queueVipCallers.number, priority: queueVipCallers.priority })
      .from(queueVipCallers)
      .where(eq(queueVipCallers.queueId, id))
      .orderBy(desc(queueVipCallers.priority), asc(queueVipCallers.number)),
  ]);
  return {
    ...queue,
    staticMembers: members
      .filter((m) => m.kind === "static")
      .map(({ number, name, penalty }) => ({ number, name, penalty })),
    dynamicMembers: members.filter((m) => m.kind === "dynamic").map(({ number, name }) => ({ number, name })),
    vipCallers,
  };
}
