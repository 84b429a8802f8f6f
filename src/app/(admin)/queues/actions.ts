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
import { extensions } from "@/lib/db/schema/extensions";
import { callerListAssignments } from "@/lib/db/schema/inbound";
import { type Queue, queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";
import { checkAll } from "@/lib/field-checks";
import { lockCallerLists, writeAssignments } from "@/lib/routing/assignments";
import { assertMohClassExists } from "@/lib/sounds/moh";
import { lockSounds } from "@/lib/sounds/usage";
import {
  createQueueSchema,
  deleteQueueSchema,
  QUEUE_SOUND_FIELDS,
  type QueueValues,
  updateQueueSchema,
} from "@/lib/validations/queue";

type Lists = Pick<QueueValues, "staticMembers" | "dynamicMembers" | "vipCallers" | "callerLists">;

export const createQueue = action("queues.write", createQueueSchema, async (input, { tx, user }) => {
  const ids = await runChecks(tx, input);
  const [row] = await tx.insert(queues).values(columns(input)).returning();
  await writeLists(tx, row!.id, input, ids);
  revalidatePath("/queues");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "queue",
      action: "create",
      entityId: row!.id,
      entityLabel: labelOf(row!),
      after: snapshot(row!, input),
    }),
  };
});

export const updateQueue = action("queues.write", updateQueueSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  const ids = await runChecks(tx, input, before.queue);
  const beforeSnap = snapshot(before.queue, before.lists);
  const afterSnap = snapshot({ ...before.queue, ...columns(input) }, input);
  // Saving an unchanged form is not a change: no audit row, nothing pending.
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) {
    const wrapupBefore = wrapupOf(before.queue);
    const wrapupAfter = wrapupOf(input);
    if (JSON.stringify(wrapupBefore) === JSON.stringify(wrapupAfter)) return { data: { id: input.id } };
    // The wrap-up rule lives only in the app: it takes effect at once, with nothing to apply.
    await tx.update(queues).set(wrapupAfter).where(eq(queues.id, input.id));
    revalidatePath("/queues");
    return {
      data: { id: input.id },
      audit: {
        action: "queue.wrapup",
        entity: "queue",
        entityId: input.id,
        entityLabel: labelOf(before.queue),
        before: wrapupBefore,
        after: wrapupAfter,
      },
    };
  }
  const [row] = await tx.update(queues).set(columns(input)).where(eq(queues.id, input.id)).returning();
  await tx.delete(queueMembers).where(eq(queueMembers.queueId, input.id));
  await tx.delete(queueVipCallers).where(eq(queueVipCallers.queueId, input.id));
  await writeLists(tx, input.id, input, ids);
  revalidatePath("/queues");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "queue",
      action: "update",
      entityId: input.id,
      entityLabel: labelOf(row!),
      before: beforeSnap,
      after: afterSnap,
    }),
  };
});

export const deleteQueue = action("queues.write", deleteQueueSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  await assertUnreferenced(tx, before.queue);
  await tx.delete(queues).where(eq(queues.id, input.id));
  revalidatePath("/queues");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "queue",
      action: "delete",
      entityId: input.id,
      entityLabel: labelOf(before.queue),
      before: snapshot(before.queue, before.lists),
    }),
  };
});

/** Every database check of a save, reported together; returns member extension ids by number. */
async function runChecks(tx: Tx, input: QueueValues, existing?: Queue): Promise<Map<string, string>> {
  let staticIds = new Map<string, string>();
  let dynamicIds = new Map<string, string>();
  await checkAll([
    async () => {
      if (existing && input.number === existing.number) return;
      await assertNumberFree(tx, input.number, existing ? { id: existing.id } : undefined);
      if (existing) await assertUnreferenced(tx, existing, "number");
    },
    async () => {
      staticIds = await lockExtensionsByNumber({
        tx,
        numbers: input.staticMembers.map((m) => m.number),
        field: "staticMembers",
      });
    },
    async () => {
      dynamicIds = await lockExtensionsByNumber({
        tx,
        numbers: input.dynamicMembers,
        field: "dynamicMembers",
      });
    },
    () =>
      checkDestination({
        tx,
        destination: input.outOfHours,
        field: "outOfHours",
        self: { kind: "queue", number: input.number },
      }),
    () => lockCallerLists(tx, input.callerLists, "callerLists"),
    () => assertMohClassExists(tx, input.mohClass),
    () => lockSounds({ tx, refs: Object.fromEntries(QUEUE_SOUND_FIELDS.map((f) => [f, input[f]])) }),
  ]);
  return new Map([...staticIds, ...dynamicIds]);
}

function columns(input: QueueValues) {
  return {
    number: input.number,
    name: input.name,
    strategy: input.strategy,
    memberTimeout: input.memberTimeout,
    retry: input.retry,
    wrapupTime: input.wrapupTime,
    maxLen: input.maxLen,
    weight: input.weight,
    joinEmpty: input.joinEmpty,
    leaveWhenEmpty: input.leaveWhenEmpty,
    announcePosition: input.announcePosition,
    announceHoldTime: input.announceHoldTime,
    mohClass: input.mohClass,
    serviceLevel: input.serviceLevel,
    recordingPolicy: input.recordingPolicy,
    activeHours: input.activeHours,
    outOfHoursType: input.outOfHours.type,
    outOfHoursTarget: input.outOfHours.target,
    ...announcementsOf(input),
    ...wrapupOf(input),
  };
}

/** The queue's announcements from the sound library (config: they compile into queues.conf and the dialplan). */
function announcementsOf(
  q: Pick<
    Queue,
    "joinAnnounceSoundId" | "periodicAnnounceSoundId" | "periodicAnnounceFrequency" | "agentAnnounceSoundId"
  >,
) {
  return {
    joinAnnounceSoundId: q.joinAnnounceSoundId,
    periodicAnnounceSoundId: q.periodicAnnounceSoundId,
    periodicAnnounceFrequency: q.periodicAnnounceSoundId ? q.periodicAnnounceFrequency : null,
    agentAnnounceSoundId: q.agentAnnounceSoundId,
  };
}

/** The queue's wrap-up rule: app-only, so not part of the config snapshot that stages a change. */
function wrapupOf(q: Pick<Queue, "wrapupMode" | "wrapupNotesRequired">) {
  return { wrapupMode: q.wrapupMode, wrapupNotesRequired: q.wrapupNotesRequired };
}

/** What the audit log shows of a queue; lists in number order so unchanged saves compare equal. */
function snapshot(q: Queue, lists: Lists) {
  const byNumber = (a: { number: string }, b: { number: string }) => compareNumbers(a.number, b.number);
  return {
    number: q.number,
    name: q.name,
    strategy: q.strategy,
    memberTimeout: q.memberTimeout,
    retry: q.retry,
    wrapupTime: q.wrapupTime,
    maxLen: q.maxLen,
    weight: q.weight,
    joinEmpty: q.joinEmpty,
    leaveWhenEmpty: q.leaveWhenEmpty,
    announcePosition: q.announcePosition,
    announceHoldTime: q.announceHoldTime,
    mohClass: q.mohClass,
    serviceLevel: q.serviceLevel,
    recordingPolicy: q.recordingPolicy,
    activeHours: q.activeHours,
    outOfHoursType: q.outOfHoursType,
    outOfHoursTarget: q.outOfHoursTarget,
    ...announcementsOf(q),
    staticMembers: [...lists.staticMembers]
      .sort(byNumber)
      .map((m) => ({ number: m.number, penalty: m.penalty })),
    dynamicMembers: [...lists.dynamicMembers].sort(compareNumbers),
    vipCallers: [...lists.vipCallers].sort(byNumber).map((v) => ({ number: v.number, priority: v.priority })),
    callerLists: lists.callerLists,
  };
}

function labelOf(q: Pick<Queue, "number" | "name">): string {
  return `${q.number} ${q.name}`;
}

async function writeLists(tx: Tx, queueId: string, lists: Lists, ids: Map<string, string>) {
  const members = [
    ...lists.staticMembers.map((m) => ({
      queueId,
      extensionId: ids.get(m.number)!,
      kind: "static" as const,
      penalty: m.penalty,
    })),
    ...lists.dynamicMembers.map((n) => ({
      queueId,
      extensionId: ids.get(n)!,
      kind: "dynamic" as const,
      penalty: 0,
    })),
  ];
  if (members.length) await tx.insert(queueMembers).values(members);
  if (lists.vipCallers.length)
    await tx
      .insert(queueVipCallers)
      .values(lists.vipCallers.map((v) => ({ queueId, number: v.number, priority: v.priority })));
  await writeAssignments(tx, { queueId }, lists.callerLists);
}

async function loadForUpdate(tx: Tx, id: string): Promise<{ queue: Queue; lists: Lists }> {
  const [queue] = await tx.select().from(queues).where(eq(queues.id, id)).for("update");
  if (!queue) throw new AppError("not_found:queue", "That queue no longer exists.");
  const members = await tx
    .select({ number: extensions.number, kind: queueMembers.kind, penalty: queueMembers.penalty })
    .from(queueMembers)
    .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId))
    .where(eq(queueMembers.queueId, id));
  const vipCallers = await tx
    .select({ number: queueVipCallers.number, priority: queueVipCallers.priority })
    .from(queueVipCallers)
    .where(eq(queueVipCallers.queueId, id));
  return {
    queue,
    lists: {
      staticMembers: members
        .filter((m) => m.kind === "static")
        .map((m) => ({ number: m.number, penalty: m.penalty })),
      dynamicMembers: members.filter((m) => m.kind === "dynamic").map((m) => m.number),
      vipCallers,
      callerLists: (
        await tx
          .select({ listId: callerListAssignments.listId })
          .from(callerListAssignments)
          .where(eq(callerListAssignments.queueId, id))
          .orderBy(asc(callerListAssignments.id))
      ).map((r) => r.listId),
    },
  };
}

/** Refuses to delete or renumber a queue that a group or another queue still sends calls to. */
async function assertUnreferenced(tx: Tx, queue: Queue, field?: "number") {
  const refs = await findDestinationReferrers({
    tx,
    type: "queue",
    number: queue.number,
    exceptId: queue.id,
  });
  if (refs.length === 0) return;
  const message = `Queue ${queue.number} is still used by ${describeReferrers(refs)}. Point ${
    refs.length === 1 ? "it" : "them"
  } elsewhere first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}

function compareNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
