import "server-only";
import { isNull, sql } from "drizzle-orm";
import type { AuditNote } from "@/lib/auth/action";
import { db, type Tx } from "@/lib/db/client";
import { configChanges } from "@/lib/db/schema/config";

export type ConfigChangeNote = {
  entity:
    | "extension"
    | "group"
    | "queue"
    | "did"
    | "callerlist"
    | "ringtree"
    | "trunk"
    | "route"
    | "ivr"
    | "timecondition"
    | "mohclass";
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

/**
 * Records the pending change and returns the matching audit note (`<entity>.<action>`), so every
 * compiled object's action states what changed exactly once.
 */
export async function stageChange(
  tx: Tx,
  userId: string,
  change: Omit<ConfigChangeNote, "userId" | "entityId"> & {
    entityId: string;
    before?: unknown;
    after?: unknown;
  },
): Promise<AuditNote> {
  const { before, after, ...note } = change;
  await recordConfigChange(tx, { ...note, userId });
  return {
    action: `${note.entity}.${note.action}`,
    entity: note.entity,
    entityId: note.entityId,
    entityLabel: note.entityLabel,
    before,
    after,
  };
}

export async function countPendingChanges(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(configChanges)
    .where(isNull(configChanges.revisionId));
  return row?.n ?? 0;
}
