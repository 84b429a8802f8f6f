import "server-only";
import { desc, eq, lt } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type ConfigRevision, configRevisions } from "@/lib/db/schema/config";
import { decodeCursor, encodeCursor, PAGE_SIZE, type Page } from "./pagination";

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

export async function listRevisions({
  cursor,
  limit = PAGE_SIZE,
}: {
  cursor?: string;
  limit?: number;
}): Promise<Page<ConfigRevision>> {
  const before = decodeCursor(cursor, isId);
  const rows = await db
    .select()
    .from(configRevisions)
    .where(before !== undefined ? lt(configRevisions.id, before) : undefined)
    .orderBy(desc(configRevisions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export async function getRevisionById({ id }: { id: number }): Promise<ConfigRevision | undefined> {
  const [row] = await db.select().from(configRevisions).where(eq(configRevisions.id, id)).limit(1);
  return row;
}

/** The revision that was live before this one (the last applied or no-op revision with a lower id). */
export async function getPreviousLiveRevision({ id }: { id: number }): Promise<ConfigRevision | undefined> {
  const rows = await db
    .select()
    .from(configRevisions)
    .where(lt(configRevisions.id, id))
    .orderBy(desc(configRevisions.id))
    .limit(50);
  return rows.find((r) => r.status !== "failed");
}
