import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Tx } from "@/lib/db/client";
import { extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";

export type NumberOwner = { kind: "extension" | "group" | "queue"; id: string; label: string };

/**
 * Extension, group and queue numbers share one dial plan, so a number must be unique across all
 * three. `except` is the object being edited, which may keep its own number.
 */
export async function findNumberOwner(
  tx: Tx,
  number: string,
  except?: { id: string },
): Promise<NumberOwner | null> {
  const notSelf = <T extends typeof extensions.id | typeof extensionGroups.id | typeof queues.id>(col: T) =>
    except ? ne(col, except.id) : undefined;
  const [ext] = await tx
    .select({ id: extensions.id, label: extensions.displayName })
    .from(extensions)
    .where(and(eq(extensions.number, number), notSelf(extensions.id)))
    .limit(1);
  if (ext) return { kind: "extension", ...ext };
  const [group] = await tx
    .select({ id: extensionGroups.id, label: extensionGroups.name })
    .from(extensionGroups)
    .where(and(eq(extensionGroups.number, number), notSelf(extensionGroups.id)))
    .limit(1);
  if (group) return { kind: "group", ...group };
  const [queue] = await tx
    .select({ id: queues.id, label: queues.name })
    .from(queues)
    .where(and(eq(queues.number, number), notSelf(queues.id)))
    .limit(1);
  if (queue) return { kind: "queue", ...queue };
  return null;
}

/** Throws a field error on `number` when another object already uses it. */
export async function assertNumberFree(tx: Tx, number: string, except?: { id: string }): Promise<void> {
  // Serialise concurrent claims of the same number across the three tables.
  await tx.execute(sql`select pg_advisory_xact_lock(727100, hashtext(${number}))`);
  const owner = await findNumberOwner(tx, number, except);
  if (owner) {
    const message = `${number} is already used by the ${owner.kind} "${owner.label}".`;
    throw new AppError("conflict:number", message, { fieldErrors: { number: [message] } });
  }
}

/** Numbers of every extension, group and queue; for bulk checks (CSV import). */
export async function allTakenNumbers(tx: Tx): Promise<Set<string>> {
  const rows = await unionAll(
    tx.select({ number: extensions.number }).from(extensions),
    tx.select({ number: extensionGroups.number }).from(extensionGroups),
    tx.select({ number: queues.number }).from(queues),
  );
  return new Set(rows.map((r) => r.number));
}
