"use server";

import { and, asc, eq, ne } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { checkDestination } from "@/lib/db/queries/destinations";
import { callerListAssignments, type Did, didCallerRules, dids } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import { lockCallerLists, writeAssignments } from "@/lib/routing/assignments";
import { createDidSchema, type DidValues, deleteDidSchema, updateDidSchema } from "@/lib/validations/inbound";

export const createDid = action("inbound.write", createDidSchema, async (input, { tx, user }) => {
  await checkDid(tx, input);
  const [row] = await tx.insert(dids).values(columns(input)).returning();
  await writeRules(tx, row!.id, input.rules);
  await writeAssignments(tx, { didId: row!.id }, input.lists);
  revalidatePath("/dids");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "did",
      action: "create",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      after: snapshot(input),
    }),
  };
});

export const updateDid = action("inbound.write", updateDidSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await checkDid(tx, input, input.id);
  const beforeSnap = before.snapshot;
  const afterSnap = snapshot(input);
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  const [row] = await tx.update(dids).set(columns(input)).where(eq(dids.id, input.id)).returning();
  await tx.delete(didCallerRules).where(eq(didCallerRules.didId, input.id));
  await writeRules(tx, input.id, input.rules);
  await writeAssignments(tx, { didId: input.id }, input.lists);
  revalidatePath("/dids");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "did",
      action: "update",
      entityId: input.id,
      entityLabel: labelOf(row!),
      before: beforeSnap,
      after: afterSnap,
    }),
  };
});

export const deleteDid = action("inbound.write", deleteDidSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  // Rules and list assignments go with it (ON DELETE CASCADE); nothing refers to a DID.
  await tx.delete(dids).where(eq(dids.id, input.id));
  revalidatePath("/dids");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "did",
      action: "delete",
      entityId: input.id,
      entityLabel: labelOf(before.did),
      before: before.snapshot,
    }),
  };
});

/** Every server-side check of a DID, all reported together. */
async function checkDid(tx: Tx, input: DidValues, exceptId?: string) {
  await checkAll([
    async () => {
      const [taken] = await tx
        .select({ id: dids.id })
        .from(dids)
        .where(and(eq(dids.number, input.number), exceptId ? ne(dids.id, exceptId) : undefined))
        .limit(1);
      if (taken) {
        const message = `${input.number} is already an inbound number.`;
        throw new AppError("conflict:did", message, { fieldErrors: { number: [message] } });
      }
    },
    () => checkDestination({ tx, destination: input.destination, field: "destination" }),
    ...input.rules.map(
      (r, i) => () => checkDestination({ tx, destination: r.destination, field: `rules.${i}.destination` }),
    ),
    () => lockCallerLists(tx, input.lists, "lists"),
  ]);
}

function columns(input: DidValues) {
  return {
    number: input.number,
    description: input.description,
    trunkName: input.trunkName,
    destinationType: input.destination.type,
    destinationTarget: input.destination.target,
  };
}

function snapshot(input: DidValues) {
  return {
    number: input.number,
    description: input.description,
    trunkName: input.trunkName,
    destination: input.destination,
    rules: input.rules.map((r) => ({ pattern: r.pattern, destination: r.destination })),
    lists: input.lists,
  };
}

function labelOf(d: Pick<Did, "number" | "description">): string {
  return d.description ? `${d.number} ${d.description}` : d.number;
}

async function writeRules(tx: Tx, didId: string, rules: DidValues["rules"]) {
  if (rules.length === 0) return;
  await tx.insert(didCallerRules).values(
    rules.map((r, position) => ({
      didId,
      position,
      pattern: r.pattern,
      destinationType: r.destination.type,
      destinationTarget: r.destination.target,
    })),
  );
}

async function loadForUpdate(tx: Tx, id: string) {
  const [did] = await tx.select().from(dids).where(eq(dids.id, id)).for("update");
  if (!did) throw new AppError("not_found:did", "That inbound number no longer exists.");
  const rules = await tx
    .select()
    .from(didCallerRules)
    .where(eq(didCallerRules.didId, id))
    .orderBy(asc(didCallerRules.position));
  const lists = await tx
    .select({ listId: callerListAssignments.listId })
    .from(callerListAssignments)
    .where(eq(callerListAssignments.didId, id))
    .orderBy(asc(callerListAssignments.id));
  return {
    did,
    snapshot: snapshot({
      number: did.number,
      description: did.description,
      trunkName: did.trunkName,
      destination: toDestination(did.destinationType, did.destinationTarget),
      rules: rules.map((r) => ({
        pattern: r.pattern,
        destination: toDestination(r.destinationType, r.destinationTarget),
      })),
      lists: lists.map((l) => l.listId),
    }),
  };
}

function toDestination(type: Did["destinationType"], target: string | null): DidValues["destination"] {
  return type === "hangup" ? { type: "hangup", target: null } : { type, target: target ?? "" };
}
