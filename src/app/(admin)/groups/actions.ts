"use server";

import { asc, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import {
  checkDestination,
  describeReferrers,
  findDestinationReferrers,
  lockExtensionsByNumber,
} from "@/lib/db/queries/destinations";
import {
  type ExtensionGroup,
  extensionGroupMembers,
  extensionGroups,
  extensions,
} from "@/lib/db/schema/extensions";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import {
  createGroupSchema,
  deleteGroupSchema,
  type GroupValues,
  updateGroupSchema,
} from "@/lib/validations/group";

export const createGroup = action("extensions.write", createGroupSchema, async (input, { tx, user }) => {
  let memberIds = new Map<string, string>();
  await checkAll([
    () => assertNumberFree(tx, input.number),
    async () => {
      memberIds = await lockExtensionsByNumber({ tx, numbers: input.members, field: "members" });
    },
    () =>
      checkDestination({
        tx,
        destination: input.failover,
        field: "failover",
        self: { kind: "group", number: input.number },
      }),
  ]);
  const [row] = await tx.insert(extensionGroups).values(columns(input)).returning();
  await writeMembers(tx, row!.id, input.members, memberIds);
  revalidatePath("/groups");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "group",
      action: "create",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      after: snapshot(row!, input.members),
    }),
  };
});

export const updateGroup = action("extensions.write", updateGroupSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  let memberIds = new Map<string, string>();
  await checkAll([
    async () => {
      if (input.number === before.group.number) return;
      await assertNumberFree(tx, input.number, { id: before.group.id });
      await assertUnreferenced(tx, before.group, "number");
    },
    async () => {
      memberIds = await lockExtensionsByNumber({ tx, numbers: input.members, field: "members" });
    },
    () =>
      checkDestination({
        tx,
        destination: input.failover,
        field: "failover",
        self: { kind: "group", number: input.number },
      }),
  ]);
  const beforeSnap = snapshot(before.group, before.members);
  const afterSnap = snapshot({ ...before.group, ...columns(input) }, input.members);
  // Saving an unchanged form is not a change: no audit row, nothing pending.
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  const [row] = await tx
    .update(extensionGroups)
    .set(columns(input))
    .where(eq(extensionGroups.id, input.id))
    .returning();
  await tx.delete(extensionGroupMembers).where(eq(extensionGroupMembers.groupId, input.id));
  await writeMembers(tx, input.id, input.members, memberIds);
  revalidatePath("/groups");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "group",
      action: "update",
      entityId: input.id,
      entityLabel: labelOf(row!),
      before: beforeSnap,
      after: afterSnap,
    }),
  };
});

export const deleteGroup = action("extensions.write", deleteGroupSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await assertUnreferenced(tx, before.group);
  await tx.delete(extensionGroups).where(eq(extensionGroups.id, input.id));
  revalidatePath("/groups");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "group",
      action: "delete",
      entityId: input.id,
      entityLabel: labelOf(before.group),
      before: snapshot(before.group, before.members),
    }),
  };
});

function columns(input: GroupValues) {
  return {
    number: input.number,
    name: input.name,
    strategy: input.strategy,
    ringTime: input.ringTime,
    failoverType: input.failover.type,
    failoverTarget: input.failover.target,
  };
}

/** What the audit log shows of a group: members as extension numbers, in ring order. */
function snapshot(g: ExtensionGroup, members: string[]) {
  return {
    number: g.number,
    name: g.name,
    strategy: g.strategy,
    ringTime: g.ringTime,
    failoverType: g.failoverType,
    failoverTarget: g.failoverTarget,
    members,
  };
}

function labelOf(g: Pick<ExtensionGroup, "number" | "name">): string {
  return `${g.number} ${g.name}`;
}

async function writeMembers(tx: Tx, groupId: string, numbers: string[], ids: Map<string, string>) {
  if (numbers.length === 0) return;
  await tx
    .insert(extensionGroupMembers)
    .values(numbers.map((n, position) => ({ groupId, extensionId: ids.get(n)!, position })));
}

async function loadForUpdate(tx: Tx, id: string): Promise<{ group: ExtensionGroup; members: string[] }> {
  const [group] = await tx.select().from(extensionGroups).where(eq(extensionGroups.id, id)).for("update");
  if (!group) throw new AppError("not_found:group", "That ring group no longer exists.");
  const members = await tx
    .select({ number: extensions.number })
    .from(extensionGroupMembers)
    .innerJoin(extensions, eq(extensions.id, extensionGroupMembers.extensionId))
    .where(eq(extensionGroupMembers.groupId, id))
    .orderBy(asc(extensionGroupMembers.position));
  return { group, members: members.map((m) => m.number) };
}

/** Refuses to delete or renumber a group that another group or queue still sends calls to. */
async function assertUnreferenced(tx: Tx, group: ExtensionGroup, field?: "number") {
  const refs = await findDestinationReferrers({
    tx,
    type: "group",
    number: group.number,
    exceptId: group.id,
  });
  if (refs.length === 0) return;
  const message = `Ring group ${group.number} is still used by ${describeReferrers(refs)}. Point ${
    refs.length === 1 ? "it" : "them"
  } elsewhere first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}
