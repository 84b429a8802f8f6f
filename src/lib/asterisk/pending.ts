import "server-only";
import { isNull, sql } from "drizzle-orm";
import { db, type Tx } from "@/lib/db/client";
import { configChanges } from "@/lib/db/schema/config";

export type ConfigChangeNote = {
  entity: "extension" | "group" | "queue";
  entityId: string | null;
  entityLabel: string;
  action: "create" | "update" | "delete" | "bulk";
  userId: string | null;
};

/**
 * Marks a saved object as waiting for the next apply. Call it in the same transaction as the
 * save; the staged-publish pipeline picks up every row without a revision.
 */
export async function recordConfigChange(tx: Tx, note: ConfigChangeNote): Promise<void> {
  await tx.insert(configChanges).values(note);
}

export async function countPendingChanges(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(configChanges)
    .where(isNull(configChanges.revisionId));
  return row?.n ?? 0;
}
