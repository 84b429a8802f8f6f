"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action, toAppError } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { type BreakCode, breakCodes } from "@/lib/db/schema/panel";
import { AppError } from "@/lib/errors";
import {
  type BreakCodeValues,
  createBreakCodeSchema,
  deleteBreakCodeSchema,
  updateBreakCodeSchema,
} from "@/lib/validations/break-code";

export const createBreakCode = action("break_codes.write", createBreakCodeSchema, async (input, { tx }) => {
  const [row] = await insertOrExplain(() => tx.insert(breakCodes).values(columns(input)).returning());
  revalidatePath("/break-codes");
  return {
    data: { id: row!.id },
    audit: {
      action: "break_code.create",
      entity: "break_code",
      entityId: row!.id,
      entityLabel: row!.code,
      after: snapshot(row!),
    },
  };
});

export const updateBreakCode = action("break_codes.write", updateBreakCodeSchema, async (input, { tx }) => {
  const before = await loadForUpdate(tx, input.id);
  const after = { ...before, ...columns(input) };
  if (JSON.stringify(snapshot(before)) === JSON.stringify(snapshot(after))) return { data: { id: input.id } };
  const [row] = await insertOrExplain(() =>
    tx.update(breakCodes).set(columns(input)).where(eq(breakCodes.id, input.id)).returning(),
  );
  revalidatePath("/break-codes");
  return {
    data: { id: input.id },
    audit: {
      action: "break_code.update",
      entity: "break_code",
      entityId: input.id,
      entityLabel: row!.code,
      before: snapshot(before),
      after: snapshot(row!),
    },
  };
});

/** Past pauses keep their code as text (agent_sessions.reason), so deleting one loses no history. */
export const deleteBreakCode = action("break_codes.write", deleteBreakCodeSchema, async (input, { tx }) => {
  const before = await loadForUpdate(tx, input.id);
  await tx.delete(breakCodes).where(eq(breakCodes.id, input.id));
  revalidatePath("/break-codes");
  return {
    data: { id: input.id },
    audit: {
      action: "break_code.delete",
      entity: "break_code",
      entityId: input.id,
      entityLabel: before.code,
      before: snapshot(before),
    },
  };
});

function columns(input: BreakCodeValues) {
  return {
    code: input.code,
    label: input.label,
    paid: input.paid,
    active: input.active,
    sortOrder: input.sortOrder,
  };
}

function snapshot(row: Pick<BreakCode, "code" | "label" | "paid" | "active" | "sortOrder">) {
  return { code: row.code, label: row.label, paid: row.paid, active: row.active, sortOrder: row.sortOrder };
}

async function loadForUpdate(tx: Tx, id: string): Promise<BreakCode> {
  const [row] = await tx.select().from(breakCodes).where(eq(breakCodes.id, id)).for("update");
  if (!row) throw new AppError("not_found:break_code", "That break code no longer exists.");
  return row;
}

/** A duplicate code becomes a field error on `code`. */
async function insertOrExplain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (toAppError(error).code !== "conflict:unique") throw error;
    const message = "Another break code already uses this code.";
    throw new AppError("conflict:unique", message, { fieldErrors: { code: [message] } });
  }
}
