"use server";

import { and, eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { notifyInbox } from "@/lib/agent/notify";
import { type ActionContext, action } from "@/lib/auth/action";
import { callWrapups, dispositionCodes } from "@/lib/db/schema/agent";
import { AppError } from "@/lib/errors";
import { saveWrapupSchema, skipWrapupSchema } from "@/lib/validations/agent-workflow";

/**
 * The agent's wrap-up of a queue call the listener opened for them. Only the agent it was opened
 * for may save or skip it (not even an admin saves someone else's), a required one cannot be
 * skipped, and notes are required when the queue said so when the call ended.
 */

export const saveWrapup = action("calls.wrapup", saveWrapupSchema, async (input, ctx) => {
  const row = await loadOwn(ctx, input.id);
  const [code] = await ctx.tx
    .select({ id: dispositionCodes.id, code: dispositionCodes.code, label: dispositionCodes.label })
    .from(dispositionCodes)
    .where(and(eq(dispositionCodes.id, input.dispositionCodeId), eq(dispositionCodes.active, true)))
    .limit(1);
  if (!code) throw fieldError("dispositionCodeId", "Choose one of the active dispositions.");
  if (row.notesRequired && !input.notes)
    throw fieldError("notes", "This queue requires notes: say what happened on the call.");
  const at = new Date();
  await ctx.tx
    .update(callWrapups)
    .set({ status: "saved", dispositionCodeId: code.id, notes: input.notes, savedAt: at })
    .where(eq(callWrapups.id, row.id));
  ctx.afterCommit(() => notifyInbox(ctx.user.id, "wrapup"));
  revalidatePath("/calls");
  return {
    data: { id: row.id },
    audit: {
      action: "wrapup.save",
      entity: "call",
      entityId: row.linkedid,
      entityLabel: `Wrap-up ${row.queue}: ${code.label}`,
      before: { status: row.status },
      after: { status: "saved", queue: row.queue, disposition: code.code, notes: input.notes.length > 0 },
    },
  };
});

export const skipWrapup = action("calls.wrapup", skipWrapupSchema, async (input, ctx) => {
  const row = await loadOwn(ctx, input.id);
  if (row.required)
    throw new AppError("conflict:required", "This queue requires a disposition for every call.");
  if (row.status !== "pending") return { data: { id: row.id } };
  await ctx.tx.update(callWrapups).set({ status: "skipped" }).where(eq(callWrapups.id, row.id));
  ctx.afterCommit(() => notifyInbox(ctx.user.id, "wrapup"));
  return {
    data: { id: row.id },
    audit: {
      action: "wrapup.skip",
      entity: "call",
      entityId: row.linkedid,
      entityLabel: `Wrap-up ${row.queue} skipped`,
    },
  };
});

/** A pending (or already saved: correcting it) wrap-up of the signed-in user, locked for the update. */
async function loadOwn({ tx, user }: ActionContext, id: number) {
  const [row] = await tx
    .select()
    .from(callWrapups)
    .where(
      and(
        eq(callWrapups.id, id),
        eq(callWrapups.userId, user.id),
        inArray(callWrapups.status, ["pending", "saved"]),
      ),
    )
    .for("update");
  if (!row) throw new AppError("not_found:wrapup", "That wrap-up is no longer waiting for you.");
  return row;
}

function fieldError(field: string, message: string) {
  return new AppError("bad_request:input", message, { fieldErrors: { [field]: [message] } });
}
