import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { Tx } from "@/lib/db/client";
import { extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { ringTrees } from "@/lib/db/schema/inbound";
import { ivrs, timeConditions } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";

export type NumberOwner = {
  kind: "extension" | "group" | "queue" | "ringtree" | "ivr" | "timecondition";
  id: string;
  label: string;
};

/**
 * Extension, group and queue numbers share one dial plan, so a number must be unique across all
 * three. `except` is the object being edited, which may keep its own number.
 */
export async function findNumberOwner(
  tx: Tx,
  number: string,
  except?: { id: string },
): Promise<NumberOwner | null> {
  const notSelf = <
    T extends
      | typeof extensions.id
      | typeof extensionGroups.id
      | typeof queues.id
      | typeof ivrs.id
      | typeof timeConditions.id
      | typeof ringTrees.id,
  >(
    col: T,
  ) => (except ? ne(col, except.id) : undefined);
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
  const [tree] = await tx
    .select({ id: ringTrees.id, label: ringTrees.name })
    .from(ringTrees)
    .where(and(eq(ringTrees.number, number), notSelf(ringTrees.id)))
    .limit(1);
  if (tree) return { kind: "ringtree", ...tree };
  const [ivr] = await tx
    .select({ id: ivrs.id, label: ivrs.name })
    .from(ivrs)
    .where(and(eq(ivrs.number, number), notSelf(ivrs.id)))
    .limit(1);
  if (ivr) return { kind: "ivr", ...ivr };
  const [tc] = await tx
    .select({ id: timeConditions.id, label: timeConditions.name })
    .from(timeConditions)
    .where(and(eq(timeConditions.number, number), notSelf(timeConditions.id)))
    .limit(1);
  if (tc) return { kind: "timecondition", ...tc };
  return null;
}

/** Throws a field error on `number` when another object already uses it. */
export async function assertNumberFree(tx: Tx, number: string, except?: { id: string }): Promise<void> {
  // Serialise concurrent claims of the same number across the three tables.
  await tx.execute(sql`select pg_advisory_xact_lock(727100, hashtext(${number}))`);
  const owner = await findNumberOwner(tx, number, except);
  if (owner) {
    const noun =
      owner.kind === "timecondition"
        ? "time condition"
        : owner.kind === "ivr"
          ? "IVR"
          : owner.kind === "ringtree"
            ? "ring tree"
            : owner.kind;
    const message = `${number} is already used by the ${noun} "${owner.label}".`;
    throw new AppError("conflict:number", message, { fieldErrors: { number: [message] } });
  }
}

/** Numbers of every extension, group and queue; for bulk checks (CSV import). */
export async function allTakenNumbers(tx: Tx): Promise<Set<string>> {
  const rows = await unionAll(
    tx.select({ number: extensions.number }).from(extensions),
    tx.select({ number: extensionGroups.number }).from(extensionGroups),
    tx.select({ number: queues.number }).from(queues),
    tx.select({ number: ringTrees.number }).from(ringTrees),
    tx.select({ number: ivrs.number }).from(ivrs),
    tx.select({ number: timeConditions.number }).from(timeConditions),
  );
  return new Set(rows.map((r) => r.number));
}
