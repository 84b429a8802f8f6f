import "server-only";
import { and, desc, eq, gte, lt, lte } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type AuditRow, auditLog } from "@/lib/db/schema/audit";
import { decodeCursor, encodeCursor, PAGE_SIZE, type Page } from "./pagination";

export type AuditFilters = { userId?: string; entity?: string; from?: Date; to?: Date };

const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

/** Newest first, keyset on the monotonic id. */
export async function listAudit({
  filters = {},
  cursor,
  limit = PAGE_SIZE,
}: {
  filters?: AuditFilters;
  cursor?: string;
  limit?: number;
}): Promise<Page<AuditRow>> {
  const before = decodeCursor(cursor, isId);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        filters.userId ? eq(auditLog.userId, filters.userId) : undefined,
        filters.entity ? eq(auditLog.entity, filters.entity) : undefined,
        filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
        filters.to ? lte(auditLog.createdAt, filters.to) : undefined,
        before !== undefined ? lt(auditLog.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

export async function listAuditEntities(): Promise<string[]> {
  const rows = await db.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(auditLog.entity);
  return rows.map((r) => r.entity);
}

export async function getAuditById({ id }: { id: number }): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.id, id)).limit(1);
  return row;
}
