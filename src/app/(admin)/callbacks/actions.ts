"use server";

import { and, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { getCallbackScope, inCallbackScope } from "@/lib/agent/callback-scope";
import { notifyInbox } from "@/lib/agent/notify";
import { zonedLocalToUtc } from "@/lib/agent/zoned-time";
import { type ActionContext, action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { getSetting } from "@/lib/db/queries/settings";
import { type Callback, callbacks, callWrapups } from "@/lib/db/schema/agent";
import { cdr } from "@/lib/db/schema/live";
import { AppError } from "@/lib/errors";
import {
  callbackTargetSchema,
  rescheduleCallbackSchema,
  scheduleCallbackSchema,
} from "@/lib/validations/agent-workflow";

/**
 * Callbacks. An agent schedules their own (callbacks.own); working one (complete, reschedule,
 * cancel) needs it to be theirs, or in the callbacks.manage scope (a supervisor's teams, an
 * admin's everyone). Times are typed in the Settings time zone.
 */

/** A callback may be set at most this far ahead. */
const MAX_AHEAD_MS = 366 * 86_400_000;
/** The minute being typed counts as "now": a callback for 10:42 typed at 10:42:30 is fine. */
const PAST_GRACE_MS = 60_000;

export const scheduleCallback = action(
  "callbacks.own",
  scheduleCallbackSchema,
  async (input, { tx, user, afterCommit }) => {
    const dueAt = await dueInstant(tx, input.due, "due");
    if (input.linkedid) await requireOwnCall(tx, user, input.linkedid);
    const [row] = await tx
      .insert(callbacks)
      .values({
        userId: user.id,
        number: input.number,
        dueAt,
        note: input.note,
        linkedid: input.linkedid ?? null,
        createdBy: user.id,
      })
      .returning();
    afterCommit(() => notifyInbox(user.id, "callbacks"));
    revalidatePath("/callbacks");
    return {
      data: { id: row!.id, dueAt: row!.dueAt.toISOString() },
      audit: {
        action: "callback.schedule",
        entity: "callback",
        entityId: row!.id,
        entityLabel: `Callback ${input.number}`,
        after: { number: input.number, dueAt: dueAt.toISOString(), linkedid: input.linkedid ?? null },
      },
    };
  },
);

export const rescheduleCallback = action(null, rescheduleCallbackSchema, async (input, ctx) => {
  const row = await loadWorkable(ctx, input.id);
  const dueAt = await dueInstant(ctx.tx, input.due, "due");
  await ctx.tx.update(callbacks).set({ dueAt }).where(eq(callbacks.id, row.id));
  return done(
    ctx,
    row,
    "callback.reschedule",
    { dueAt: dueAt.toISOString() },
    { dueAt: row.dueAt.toISOString() },
  );
});

export const completeCallback = action(null, callbackTargetSchema, async (input, ctx) => {
  const row = await loadWorkable(ctx, input.id);
  await ctx.tx
    .update(callbacks)
    .set({ status: "completed", completedAt: new Date() })
    .where(eq(callbacks.id, row.id));
  return done(ctx, row, "callback.complete", { status: "completed" });
});

export const cancelCallback = action(null, callbackTargetSchema, async (input, ctx) => {
  const row = await loadWorkable(ctx, input.id);
  await ctx.tx
    .update(callbacks)
    .set({ status: "cancelled", completedAt: new Date() })
    .where(eq(callbacks.id, row.id));
  return done(ctx, row, "callback.cancel", { status: "cancelled" });
});

function done(
  { user, afterCommit }: ActionContext,
  row: Callback,
  auditAction: string,
  after: Record<string, unknown>,
  before: Record<string, unknown> = { status: row.status },
) {
  afterCommit(() => notifyInbox(row.userId, "callbacks"));
  if (row.userId !== user.id) afterCommit(() => notifyInbox(user.id, "callbacks"));
  revalidatePath("/callbacks");
  return {
    data: { id: row.id },
    audit: {
      action: auditAction,
      entity: "callback",
      entityId: row.id,
      entityLabel: `Callback ${row.number}`,
      before,
      after,
    },
  };
}

/** A scheduled callback the user may work: their own (callbacks.own) or one in their manage scope. */
async function loadWorkable({ tx, user }: ActionContext, id: string): Promise<Callback> {
  if (!user.permissions.has("callbacks.own") && !user.permissions.has("callbacks.manage"))
    throw new AppError("forbidden:callbacks.own");
  const [row] = await tx.select().from(callbacks).where(eq(callbacks.id, id)).for("update");
  if (!row) throw new AppError("not_found:callback", "That callback no longer exists.");
  const own = row.userId === user.id && user.permissions.has("callbacks.own");
  const managed =
    user.permissions.has("callbacks.manage") && inCallbackScope(await getCallbackScope(user, tx), row.userId);
  // Out of scope looks the same as missing: ids of other agents' callbacks reveal nothing.
  if (!own && !managed) throw new AppError("not_found:callback", "That callback no longer exists.");
  if (row.status !== "scheduled")
    throw new AppError("conflict:callback_closed", `That callback is already ${row.status}.`);
  return row;
}

async function dueInstant(tx: Tx, local: string, field: string): Promise<Date> {
  const timeZone = (await getSetting("general.timezone", tx)) ?? "UTC";
  const dueAt = zonedLocalToUtc(local, timeZone);
  if (!dueAt) throw fieldError(field, "That is not a real date and time.");
  const now = Date.now();
  if (dueAt.getTime() < now - PAST_GRACE_MS) throw fieldError(field, "Choose a time from now on.");
  if (dueAt.getTime() > now + MAX_AHEAD_MS) throw fieldError(field, "Choose a time within a year.");
  return dueAt;
}

/** A callback may name a call the agent wrapped up, or (with calls.read) any call in the history. */
async function requireOwnCall(tx: Tx, user: ActionContext["user"], linkedid: string) {
  const [wrapup] = await tx
    .select({ id: callWrapups.id })
    .from(callWrapups)
    .where(and(eq(callWrapups.linkedid, linkedid), eq(callWrapups.userId, user.id)))
    .limit(1);
  if (wrapup) return;
  if (user.permissions.has("calls.read")) {
    const [call] = await tx.select({ id: cdr.id }).from(cdr).where(eq(cdr.linkedid, linkedid)).limit(1);
    if (call) return;
  }
  throw fieldError("linkedid", "That call is not one of yours.");
}

function fieldError(field: string, message: string) {
  return new AppError("bad_request:input", message, { fieldErrors: { [field]: [message] } });
}
