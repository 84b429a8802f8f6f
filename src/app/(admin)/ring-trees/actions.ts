"use server";

import { asc, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { checkDestination, describeReferrers, findDestinationReferrers } from "@/lib/db/queries/destinations";
import { callerListAssignments, type RingTree, ringTreeNodes, ringTrees } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import { lockCallerLists, writeAssignments } from "@/lib/routing/assignments";
import {
  createRingTreeSchema,
  deleteRingTreeSchema,
  type RingTreeValues,
  updateRingTreeSchema,
} from "@/lib/validations/inbound";

export const createRingTree = action("inbound.write", createRingTreeSchema, async (input, { tx, user }) => {
  await checkAll([() => assertNumberFree(tx, input.number), ...treeChecks(tx, input)]);
  const [row] = await tx.insert(ringTrees).values({ number: input.number, name: input.name }).returning();
  await writeNodes(tx, row!.id, input.nodes);
  await writeAssignments(tx, { ringTreeId: row!.id }, input.lists);
  revalidatePath("/ring-trees");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "ringtree",
      action: "create",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      after: snapshot(input),
    }),
  };
});

export const updateRingTree = action("inbound.write", updateRingTreeSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await checkAll([
    async () => {
      if (input.number === before.tree.number) return;
      await assertNumberFree(tx, input.number, { id: input.id });
      await assertUnreferenced(tx, before.tree, "number");
    },
    ...treeChecks(tx, input),
  ]);
  const afterSnap = snapshot(input);
  if (JSON.stringify(before.snapshot) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  const [row] = await tx
    .update(ringTrees)
    .set({ number: input.number, name: input.name })
    .where(eq(ringTrees.id, input.id))
    .returning();
  await tx.delete(ringTreeNodes).where(eq(ringTreeNodes.treeId, input.id));
  await writeNodes(tx, input.id, input.nodes);
  await writeAssignments(tx, { ringTreeId: input.id }, input.lists);
  revalidatePath("/ring-trees");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "ringtree",
      action: "update",
      entityId: input.id,
      entityLabel: labelOf(row!),
      before: before.snapshot,
      after: afterSnap,
    }),
  };
});

export const deleteRingTree = action("inbound.write", deleteRingTreeSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await assertUnreferenced(tx, before.tree);
  await tx.delete(ringTrees).where(eq(ringTrees.id, input.id));
  revalidatePath("/ring-trees");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "ringtree",
      action: "delete",
      entityId: input.id,
      entityLabel: labelOf(before.tree),
      before: before.snapshot,
    }),
  };
});

/** Each node's target exists and is the right kind; filter lists exist; the tree's lists exist. */
function treeChecks(tx: Tx, input: RingTreeValues): (() => Promise<unknown>)[] {
  return [
    ...input.nodes.map((n, i) => async () => {
      if (n.kind === "filter") return lockCallerLists(tx, [n.listId!], `nodes.${i}.listId`);
      if (n.kind === "hangup") return;
      await checkDestination({ tx, destination: { type: n.kind, target: n.target! }, field: `nodes.${i}` });
    }),
    () => lockCallerLists(tx, input.lists, "lists"),
  ];
}

function snapshot(input: Pick<RingTreeValues, "number" | "name" | "lists" | "nodes">) {
  return {
    number: input.number,
    name: input.name,
    lists: input.lists,
    nodes: input.nodes.map((n) => ({
      key: n.key,
      parentKey: n.parentKey,
      kind: n.kind,
      target: n.target,
      listId: n.listId,
      timeout: n.timeout,
    })),
  };
}

function labelOf(t: Pick<RingTree, "number" | "name">): string {
  return `${t.number} ${t.name}`;
}

async function writeNodes(tx: Tx, treeId: string, nodes: RingTreeValues["nodes"]) {
  if (nodes.length === 0) return;
  await tx.insert(ringTreeNodes).values(
    nodes.map((n, position) => ({
      treeId,
      position,
      nodeKey: n.key,
      parentKey: n.parentKey,
      kind: n.kind,
      target: n.kind === "hangup" || n.kind === "filter" ? null : n.target,
      listId: n.kind === "filter" ? n.listId : null,
      timeout: n.timeout,
    })),
  );
}

async function loadForUpdate(tx: Tx, id: string) {
  const [tree] = await tx.select().from(ringTrees).where(eq(ringTrees.id, id)).for("update");
  if (!tree) throw new AppError("not_found:ringtree", "That ring tree no longer exists.");
  const nodes = await tx
    .select()
    .from(ringTreeNodes)
    .where(eq(ringTreeNodes.treeId, id))
    .orderBy(asc(ringTreeNodes.position));
  const lists = await tx
    .select({ listId: callerListAssignments.listId })
    .from(callerListAssignments)
    .where(eq(callerListAssignments.ringTreeId, id))
    .orderBy(asc(callerListAssignments.id));
  return {
    tree,
    snapshot: snapshot({
      number: tree.number,
      name: tree.name,
      lists: lists.map((l) => l.listId),
      nodes: nodes.map((n) => ({
        key: n.nodeKey,
        parentKey: n.parentKey,
        kind: n.kind,
        target: n.target,
        listId: n.listId,
        timeout: n.timeout,
      })),
    }),
  };
}

/** Refuses to delete or renumber a tree that a DID, group, queue or another tree sends calls to. */
async function assertUnreferenced(tx: Tx, tree: RingTree, field?: "number") {
  const refs = await findDestinationReferrers({
    tx,
    type: "ringtree",
    number: tree.number,
    exceptId: tree.id,
  });
  if (refs.length === 0) return;
  const message = `Ring tree ${tree.number} is still used by ${describeReferrers(refs)}. Point ${
    refs.length === 1 ? "it" : "them"
  } elsewhere first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}
