"use server";

import { and, asc, eq, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action, toAppError } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { callWrapups, type DispositionCode, dispositionCodes } from "@/lib/db/schema/agent";
import { AppError } from "@/lib/errors";
import {
  createDispositionSchema,
  type DispositionValues,
  deleteDispositionSchema,
  moveDispositionSchema,
  updateDispositionSchema,
} from "@/lib/validations/disposition";

export const createDisposition = action(
  "dispositions.write",
  createDispositionSchema,
  async (input, { tx }) => {
    const [row] = await insertOrExplain(() => tx.insert(dispositionCodes).values(columns(input)).returning());
    revalidatePath("/dispositions");
    return {
      data: { id: row!.id },
      audit: {
        action: "disposition.create",
        entity: "disposition",
        entityId: row!.id,
        entityLabel: row!.code,
        after: snapshot(row!),
      },
    };
  },
);

export const updateDisposition = action(
  "dispositions.write",
  updateDispositionSchema,
  async (input, { tx }) => {
    const before = await loadForUpdate(tx, input.id);
    const after = { ...before, ...columns(input) };
    if (JSON.stringify(snapshot(before)) === JSON.stringify(snapshot(after)))
      return { data: { id: input.id } };
    const [row] = await insertOrExplain(() =>
      tx.update(dispositionCodes).set(columns(input)).where(eq(dispositionCodes.id, input.id)).returning(),
    );
    revalidatePath("/dispositions");
    return {
      data: { id: input.id },
      audit: {
        action: "disposition.update",
        entity: "disposition",
        entityId: input.id,
        entityLabel: row!.code,
        before: snapshot(before),
        after: snapshot(row!),
      },
    };
  },
);

/**
 * Swaps the code with its neighbour in display order. Orders are renumbered 10, 20, … first, so
 * codes that shared an order (or were typed by hand) still move one step.
 */
export const moveDisposition = action("dispositions.write", moveDispositionSchema, async (input, { tx }) => {
  const rows = await tx
    .select()
    .from(dispositionCodes)
    .orderBy(asc(dispositionCodes.sortOrder), asc(dispositionCodes.label))
    .for("update");
  const index = rows.findIndex((r) => r.id === input.id);
  if (index < 0) throw new AppError("not_found:disposition", "That disposition code no longer exists.");
  const other = input.direction === "up" ? index - 1 : index + 1;
  if (other < 0 || other >= rows.length) return { data: { id: input.id } };
  const order = rows.map((r) => r.id);
  [order[index], order[other]] = [order[other]!, order[index]!];
  for (const [i, id] of order.entries()) {
    const sortOrder = Math.min(999, (i + 1) * 10);
    if (rows.find((r) => r.id === id)?.sortOrder !== sortOrder)
      await tx.update(dispositionCodes).set({ sortOrder }).where(eq(dispositionCodes.id, id));
  }
  revalidatePath("/dispositions");
  const moved = rows[index]!;
  return {
    data: { id: input.id },
    audit: {
      action: "disposition.move",
      entity: "disposition",
      entityId: moved.id,
      entityLabel: moved.code,
      after: { direction: input.direction, position: other + 1 },
    },
  };
});

/** Refused while a saved wrap-up uses it: the call history would lose its disposition. */
export const deleteDisposition = action(
  "dispositions.write",
  deleteDispositionSchema,
  async (input, { tx }) => {
    const before = await loadForUpdate(tx, input.id);
    const [uses] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(callWrapups)
      .where(and(eq(callWrapups.dispositionCodeId, input.id)));
    const n = Number(uses?.n ?? 0);
    if (n > 0) {
      throw new AppError(
        "conflict:in_use",
        `${n} wrapped-up ${n === 1 ? "call uses" : "calls use"} this code, so it stays in the call history. Make it inactive instead.`,
      );
    }
    await tx.delete(dispositionCodes).where(eq(dispositionCodes.id, input.id));
    revalidatePath("/dispositions");
    return {
      data: { id: input.id },
      audit: {
        action: "disposition.delete",
        entity: "disposition",
        entityId: input.id,
        entityLabel: before.code,
        before: snapshot(before),
      },
    };
  },
);

function columns(input: DispositionValues) {
  return { code: input.code, label: input.label, active: input.active, sortOrder: input.sortOrder };
}

function snapshot(row: Pick<DispositionCode, "code" | "label" | "active" | "sortOrder">) {
  return { code: row.code, label: row.label, active: row.active, sortOrder: row.sortOrder };
}

async function loadForUpdate(tx: Tx, id: string): Promise<DispositionCode> {
  const [row] = await tx.select().from(dispositionCodes).where(eq(dispositionCodes.id, id)).for("update");
  if (!row) throw new AppError("not_found:disposition", "That disposition code no longer exists.");
  return row;
}

/** A duplicate code becomes a field error on `code`. */
async function insertOrExplain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (toAppError(error).code !== "conflict:unique") throw error;
    const message = "Another disposition code already uses this code.";
    throw new AppError("conflict:unique", message, { fieldErrors: { code: [message] } });
  }
}
