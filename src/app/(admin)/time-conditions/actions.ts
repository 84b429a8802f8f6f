"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { checkDestination, describeReferrers, findDestinationReferrers } from "@/lib/db/queries/destinations";
import { type TimeCondition, timeConditions } from "@/lib/db/schema/ivr";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import {
  createTimeConditionSchema,
  deleteTimeConditionSchema,
  type TimeConditionValues,
  updateTimeConditionSchema,
} from "@/lib/validations/time-condition";

export const createTimeCondition = action(
  "ivrs.write",
  createTimeConditionSchema,
  async (input, { tx, user }) => {
    await checkAll([
      () => assertNumberFree(tx, input.number),
      () => checkDestination({ tx, destination: input.matched, field: "matched" }),
      () => checkDestination({ tx, destination: input.unmatched, field: "unmatched" }),
    ]);
    const [row] = await tx.insert(timeConditions).values(columns(input)).returning();
    revalidatePath("/time-conditions");
    return {
      data: { id: row!.id },
      audit: await stageChange(tx, user.id, {
        entity: "timecondition",
        action: "create",
        entityId: row!.id,
        entityLabel: labelOf(row!),
        after: snapshot(row!),
      }),
    };
  },
);

export const updateTimeCondition = action(
  "ivrs.write",
  updateTimeConditionSchema,
  async (input, { tx, user }) => {
    const before = await loadForUpdate(tx, input.id);
    await checkAll([
      async () => {
        if (input.number === before.number) return;
        await assertNumberFree(tx, input.number, { id: before.id });
        await assertUnreferenced(tx, before, "number");
      },
      () => checkDestination({ tx, destination: input.matched, field: "matched" }),
      () => checkDestination({ tx, destination: input.unmatched, field: "unmatched" }),
    ]);
    const after = snapshot({ ...before, ...columns(input) });
    if (JSON.stringify(after) === JSON.stringify(snapshot(before))) return { data: { id: before.id } };
    const [row] = await tx
      .update(timeConditions)
      .set(columns(input))
      .where(eq(timeConditions.id, input.id))
      .returning();
    revalidatePath("/time-conditions");
    return {
      data: { id: row!.id },
      audit: await stageChange(tx, user.id, {
        entity: "timecondition",
        action: "update",
        entityId: row!.id,
        entityLabel: labelOf(row!),
        before: snapshot(before),
        after,
      }),
    };
  },
);

export const deleteTimeCondition = action(
  "ivrs.write",
  deleteTimeConditionSchema,
  async (input, { tx, user }) => {
    const before = await loadForUpdate(tx, input.id);
    await assertUnreferenced(tx, before);
    await tx.delete(timeConditions).where(eq(timeConditions.id, input.id));
    revalidatePath("/time-conditions");
    return {
      data: { id: input.id },
      audit: await stageChange(tx, user.id, {
        entity: "timecondition",
        action: "delete",
        entityId: input.id,
        entityLabel: labelOf(before),
        before: snapshot(before),
      }),
    };
  },
);

function columns(input: TimeConditionValues) {
  return {
    number: input.number,
    name: input.name,
    schedule: input.schedule.map((r) => ({ days: [...r.days].sort(), start: r.start, end: r.end })),
    holidays: input.holidays.map((h) => ({ name: h.name.trim(), start: h.start, end: h.end })),
    matchedType: input.matched.type,
    matchedTarget: input.matched.target,
    unmatchedType: input.unmatched.type,
    unmatchedTarget: input.unmatched.target,
  };
}

function snapshot(t: Pick<TimeCondition, keyof ReturnType<typeof columns>>) {
  // Rebuilt key by key: jsonb hands objects back with its own key order.
  return {
    number: t.number,
    name: t.name,
    schedule: t.schedule.map((r) => ({ days: r.days, start: r.start, end: r.end })),
    holidays: t.holidays.map((h) => ({ name: h.name, start: h.start, end: h.end })),
    matchedType: t.matchedType,
    matchedTarget: t.matchedTarget,
    unmatchedType: t.unmatchedType,
    unmatchedTarget: t.unmatchedTarget,
  };
}

function labelOf(t: Pick<TimeCondition, "number" | "name">) {
  return `${t.number} ${t.name}`;
}

async function loadForUpdate(tx: Tx, id: string): Promise<TimeCondition> {
  const [row] = await tx.select().from(timeConditions).where(eq(timeConditions.id, id)).for("update");
  if (!row) throw new AppError("not_found:timecondition", "That time condition no longer exists.");
  return row;
}

/** Refuses to delete or renumber a time condition that something still sends calls to. */
async function assertUnreferenced(tx: Tx, tc: TimeCondition, field?: "number") {
  const refs = await findDestinationReferrers({
    tx,
    type: "timecondition",
    number: tc.number,
    exceptId: tc.id,
  });
  if (refs.length === 0) return;
  const message = `Time condition ${tc.number} is still used by ${describeReferrers(refs)}. Point ${
    refs.length === 1 ? "it" : "them"
  } elsewhere first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}
