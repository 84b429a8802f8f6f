import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { type CallerListKind, callerListAssignments, callerLists } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";

export type ListOwner = { didId: string } | { queueId: string } | { ringTreeId: string };

/**
 * The lists to assign, locked FOR SHARE until the save commits (a concurrent delete waits and then
 * sees the assignment). Unknown ids are a field error on `field`.
 */
export async function lockCallerLists(
  tx: Tx,
  ids: string[],
  field: string,
): Promise<{ id: string; name: string; kind: CallerListKind }[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: callerLists.id, name: callerLists.name, kind: callerLists.kind })
    .from(callerLists)
    .where(inArray(callerLists.id, ids))
    .for("share");
  if (rows.length !== new Set(ids).size) {
    const message = "One of the chosen lists no longer exists. Reload the page.";
    throw new AppError("bad_request:list", message, { fieldErrors: { [field]: [message] } });
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Replaces an owner's list assignments, keeping the given order. */
export async function writeAssignments(tx: Tx, owner: ListOwner, ids: string[]): Promise<void> {
  const where =
    "didId" in owner
      ? eq(callerListAssignments.didId, owner.didId)
      : "queueId" in owner
        ? eq(callerListAssignments.queueId, owner.queueId)
        : eq(callerListAssignments.ringTreeId, owner.ringTreeId);
  await tx.delete(callerListAssignments).where(where);
  if (ids.length) await tx.insert(callerListAssignments).values(ids.map((listId) => ({ listId, ...owner })));
}
