import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { describeInboundReference, findInboundReferences } from "@/lib/db/queries/inbound-referrers";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { ivrRefs, ivrs, timeConditions } from "@/lib/db/schema/ivr";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";

export type ExtensionUse = { extensionId: string; number: string; displayName: string; usedBy: string };

/**
 * What still points at these extensions: ring-group and queue memberships, and groups or queues
 * that send calls to them (failover, out of hours). Deleting one of them would leave a dangling
 * reference in the dial plan, so delete refuses while any remain.
 */
export async function findExtensionUses(tx: Tx, ids: string[]): Promise<ExtensionUse[]> {
  if (ids.length === 0) return [];
  const own = await tx
    .select({ id: extensions.id, number: extensions.number, displayName: extensions.displayName })
    .from(extensions)
    .where(inArray(extensions.id, ids));
  const byId = new Map(own.map((e) => [e.id, e]));
  const byNumber = new Map(own.map((e) => [e.number, e]));
  const numbers = [...byNumber.keys()];
  const uses: ExtensionUse[] = [];
  const add = (e: { id: string; number: string; displayName: string } | undefined, usedBy: string) => {
    if (e) uses.push({ extensionId: e.id, number: e.number, displayName: e.displayName, usedBy });
  };

  const groupRows = await tx
    .select({
      extensionId: extensionGroupMembers.extensionId,
      name: extensionGroups.name,
      number: extensionGroups.number,
    })
    .from(extensionGroupMembers)
    .innerJoin(extensionGroups, eq(extensionGroups.id, extensionGroupMembers.groupId))
    .where(inArray(extensionGroupMembers.extensionId, ids));
  for (const r of groupRows) add(byId.get(r.extensionId), `ring group ${r.number} "${r.name}"`);

  const queueRows = await tx
    .select({ extensionId: queueMembers.extensionId, name: queues.name, number: queues.number })
    .from(queueMembers)
    .innerJoin(queues, eq(queues.id, queueMembers.queueId))
    .where(inArray(queueMembers.extensionId, ids));
  for (const r of queueRows) add(byId.get(r.extensionId), `queue ${r.number} "${r.name}"`);

  for (const ref of await findNumberReferences(tx, numbers, ["extension", "voicemail"]))
    add(byNumber.get(ref.target), ref.usedBy);
  return uses;
}

/**
 * Groups and queues that send calls to these numbers as an extension or a voicemail box (failover,
 * out of hours). These refer by number, so renumbering the extension would break them too.
 */
export async function findNumberReferences(
  tx: Tx,
  numbers: string[],
  types: ("extension" | "voicemail")[],
): Promise<{ target: string; type: string; usedBy: string }[]> {
  if (numbers.length === 0) return [];
  const failovers = await tx
    .select({
      target: extensionGroups.failoverTarget,
      type: extensionGroups.failoverType,
      name: extensionGroups.name,
      number: extensionGroups.number,
    })
    .from(extensionGroups)
    .where(
      and(inArray(extensionGroups.failoverType, types), inArray(extensionGroups.failoverTarget, numbers)),
    );
  const outOfHours = await tx
    .select({
      target: queues.outOfHoursTarget,
      type: queues.outOfHoursType,
      name: queues.name,
      number: queues.number,
    })
    .from(queues)
    .where(and(inArray(queues.outOfHoursType, types), inArray(queues.outOfHoursTarget, numbers)));
  const via = (type: string) => (type === "voicemail" ? " to voicemail" : "");
  const tcRows = await tx
    .select()
    .from(timeConditions)
    .where(
      or(
        and(inArray(timeConditions.matchedType, types), inArray(timeConditions.matchedTarget, numbers)),
        and(inArray(timeConditions.unmatchedType, types), inArray(timeConditions.unmatchedTarget, numbers)),
      ),
    );
  const ivrRows = await tx
    .selectDistinct({ target: ivrRefs.target, type: ivrRefs.kind, name: ivrs.name, number: ivrs.number })
    .from(ivrRefs)
    .innerJoin(ivrs, eq(ivrs.id, ivrRefs.ivrId))
    .where(and(inArray(ivrRefs.kind, types), inArray(ivrRefs.target, numbers)));
  const tcRefs = tcRows.flatMap((t) =>
    (
      [
        [t.matchedType, t.matchedTarget, "matched"],
        [t.unmatchedType, t.unmatchedTarget, "unmatched"],
      ] as const
    )
      .filter(([type, target]) => target && numbers.includes(target) && (types as string[]).includes(type))
      .map(([type, target, branch]) => ({
        target: target!,
        type,
        usedBy: `time condition ${t.number} "${t.name}" (${branch}${via(type)})`,
      })),
  );
  return [
    ...tcRefs,
    ...ivrRows.map((r) => ({
      target: r.target,
      type: r.type,
      usedBy: `IVR ${r.number} "${r.name}"${via(r.type)}`,
    })),
    ...failovers.map((r) => ({
      target: r.target!,
      type: r.type,
      usedBy: `ring group ${r.number} "${r.name}" (failover${via(r.type)})`,
    })),
    ...outOfHours.map((r) => ({
      target: r.target!,
      type: r.type,
      usedBy: `queue ${r.number} "${r.name}" (out of hours${via(r.type)})`,
    })),
    ...(await findInboundReferences(tx, numbers, types)).map((r) => ({
      target: r.target,
      type: r.type,
      usedBy: describeInboundReference(r),
    })),
  ];
}

/** Throws a conflict naming every extension that is still in use, and by what. */
export async function assertExtensionsUnused(tx: Tx, ids: string[]): Promise<void> {
  const uses = await findExtensionUses(tx, ids);
  if (uses.length === 0) return;
  const byExt = new Map<string, { label: string; usedBy: string[] }>();
  for (const u of uses) {
    const entry = byExt.get(u.extensionId) ?? { label: `${u.number} ${u.displayName}`, usedBy: [] };
    entry.usedBy.push(u.usedBy);
    byExt.set(u.extensionId, entry);
  }
  const parts = [...byExt.values()].map((e) => `${e.label} is still used by ${e.usedBy.join(", ")}`);
  const many = byExt.size > 1;
  throw new AppError(
    "conflict:extension_in_use",
    `${many ? "Nothing was deleted. " : ""}${parts.join("; ")}. Remove ${many ? "them" : "it"} there first.`,
  );
}
