import "server-only";
import { and, asc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type Tx } from "@/lib/db/client";
import { type DestinationType, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { ringTrees } from "@/lib/db/schema/inbound";
import { ivrRefs, ivrs, timeConditions } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";
import { DESTINATION_NOUNS, type Destination } from "@/lib/validations/destination";
import { describeInboundReference, findInboundReferences } from "./inbound-referrers";

/** Options for the member and destination pickers. */
export type DestinationOptions = {
  extensions: { number: string; name: string; voicemail: boolean }[];
  groups: { number: string; name: string }[];
  queues: { number: string; name: string }[];
  ringTrees: { number: string; name: string }[];
  ivrs: { number: string; name: string }[];
  timeConditions: { number: string; name: string }[];
};

/** The longest option list a picker gets; beyond it, typing a number still works. */
const OPTION_LIMIT = 5000;

export async function listDestinationOptions(): Promise<DestinationOptions> {
  const numeric = (col: AnyPgColumn) => [asc(sql`char_length(${col})`), asc(col)];
  const [exts, groups, qs, trees, ivrRows, tcRows] = await Promise.all([
    db
      .select({
        number: extensions.number,
        name: extensions.displayName,
        voicemail: extensions.voicemailEnabled,
      })
      .from(extensions)
      .orderBy(...numeric(extensions.number))
      .limit(OPTION_LIMIT),
    db
      .select({ number: extensionGroups.number, name: extensionGroups.name })
      .from(extensionGroups)
      .orderBy(...numeric(extensionGroups.number))
      .limit(OPTION_LIMIT),
    db
      .select({ number: queues.number, name: queues.name })
      .from(queues)
      .orderBy(...numeric(queues.number))
      .limit(OPTION_LIMIT),
    db
      .select({ number: ringTrees.number, name: ringTrees.name })
      .from(ringTrees)
      .orderBy(...numeric(ringTrees.number))
      .limit(OPTION_LIMIT),
    db
      .select({ number: ivrs.number, name: ivrs.name })
      .from(ivrs)
      .orderBy(...numeric(ivrs.number))
      .limit(OPTION_LIMIT),
    db
      .select({ number: timeConditions.number, name: timeConditions.name })
      .from(timeConditions)
      .orderBy(...numeric(timeConditions.number))
      .limit(OPTION_LIMIT),
  ]);
  return {
    extensions: exts,
    groups,
    queues: qs,
    ringTrees: trees,
    ivrs: ivrRows,
    timeConditions: tcRows,
  };
}

type OwnerKind = "extension" | "group" | "queue" | "ringtree" | "ivr" | "timecondition";
type Owner = { kind: OwnerKind; number: string; voicemail?: boolean };

/**
 * Checks, inside the saving transaction, that a destination's target exists and is the right
 * kind; throws a field error on `<field>.target` otherwise. The target row is locked FOR SHARE,
 * so a concurrent delete of it waits for this save and then sees the new reference.
 *
 * `self` is the group or queue being saved: following failovers from the target must not lead
 * back to it, or a call would bounce between them for ever.
 */
export async function checkDestination({
  tx,
  destination,
  field,
  self,
}: {
  tx: Tx;
  destination: Destination;
  field: string;
  self?: { kind: "group" | "queue"; number: string };
}): Promise<void> {
  if (destination.type === "hangup") return;
  const fail = (message: string): never => {
    throw new AppError("bad_request:destination", message, {
      fieldErrors: { [`${field}.target`]: [message] },
    });
  };
  const { type, target } = destination;
  const noun = DESTINATION_NOUNS[type];
  const owner = await lockOwner(tx, type, target);
  if (!owner) {
    const actual = await anyOwner(tx, target);
    fail(
      actual
        ? `${target} is ${actual.kind === "extension" || actual.kind === "ivr" ? `an ${nounOf(actual.kind)}` : `a ${nounOf(actual.kind)}`}, not a ${noun}.`
        : `There is no ${noun} ${target}.`,
    );
    return;
  }
  if (type === "voicemail" && !owner.voicemail) fail(`Extension ${target} has no voicemail box.`);
  if (self && (type === "group" || type === "queue")) {
    const path = await followChain(tx, { kind: type, number: target }, self);
    if (path) fail(`That loops back: ${path.join(" → ")}.`);
  }
}

/**
 * Extension ids for member numbers, locked FOR SHARE until the save commits. Unknown numbers are
 * a field error on `field`, naming them.
 */
export async function lockExtensionsByNumber({
  tx,
  numbers,
  field,
}: {
  tx: Tx;
  numbers: string[];
  field: string;
}): Promise<Map<string, string>> {
  if (numbers.length === 0) return new Map();
  const rows = await tx
    .select({ id: extensions.id, number: extensions.number })
    .from(extensions)
    .where(inArray(extensions.number, numbers))
    .for("share");
  const ids = new Map(rows.map((r) => [r.number, r.id]));
  const missing = numbers.filter((n) => !ids.has(n));
  if (missing.length) {
    const message =
      missing.length === 1
        ? `There is no extension ${missing[0]}.`
        : `There are no extensions ${missing.join(", ")}.`;
    throw new AppError("bad_request:member", message, { fieldErrors: { [field]: [message] } });
  }
  return ids;
}

export type Referrer = {
  kind: "group" | "queue" | "did" | "ringtree" | "ivr" | "timecondition";
  number: string;
  name: string;
  via: string;
};

/**
 * Groups and queues whose failover or out-of-hours destination points at this number, DIDs and
 * ring-tree nodes that send calls to it, and time conditions and IVRs whose matched/unmatched
 * destination or graph points at it.
 */
export async function findDestinationReferrers({
  tx,
  type,
  number,
  exceptId,
}: {
  tx: Tx;
  type: Exclude<DestinationType, "hangup">;
  number: string;
  exceptId?: string;
}): Promise<Referrer[]> {
  const groups = await tx
    .select({ number: extensionGroups.number, name: extensionGroups.name })
    .from(extensionGroups)
    .where(
      and(
        eq(extensionGroups.failoverType, type),
        eq(extensionGroups.failoverTarget, number),
        exceptId ? ne(extensionGroups.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(extensionGroups.number));
  const qs = await tx
    .select({ number: queues.number, name: queues.name })
    .from(queues)
    .where(
      and(
        eq(queues.outOfHoursType, type),
        eq(queues.outOfHoursTarget, number),
        exceptId ? ne(queues.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(queues.number));
  const inbound = await findInboundReferences(tx, [number], [type]);
  return [
    ...groups.map((g) => ({ kind: "group" as const, ...g, via: "failover" })),
    ...qs.map((q) => ({ kind: "queue" as const, ...q, via: "out-of-hours destination" })),
    ...inbound.map((r) => ({ kind: r.kind, number: r.number, name: r.name, via: r.via })),
    ...(await findRoutingReferrers({ tx, kind: type, target: number, exceptId })),
  ];
}

/**
 * Time conditions (matched/unmatched) and IVRs (their latest graph, through ivr_refs) that use
 * `target`: a number of the given destination kind, or a sound id with kind "sound".
 */
export async function findRoutingReferrers({
  tx,
  kind,
  target,
  exceptId,
}: {
  tx: Tx;
  kind: Exclude<DestinationType, "hangup"> | "sound";
  target: string;
  exceptId?: string;
}): Promise<Referrer[]> {
  const tcs =
    kind === "sound"
      ? []
      : await tx
          .select({
            number: timeConditions.number,
            name: timeConditions.name,
            matchedType: timeConditions.matchedType,
            matchedTarget: timeConditions.matchedTarget,
          })
          .from(timeConditions)
          .where(
            and(
              or(
                and(eq(timeConditions.matchedType, kind), eq(timeConditions.matchedTarget, target)),
                and(eq(timeConditions.unmatchedType, kind), eq(timeConditions.unmatchedTarget, target)),
              ),
              exceptId ? ne(timeConditions.id, exceptId) : undefined,
            ),
          )
          .orderBy(asc(timeConditions.number));
  // An IVR's voicemail step names a mailbox: it uses the extension as "voicemail".
  const kinds = kind === "extension" ? ["extension", "voicemail"] : [kind];
  const ivrRows = await tx
    .selectDistinct({ number: ivrs.number, name: ivrs.name })
    .from(ivrRefs)
    .innerJoin(ivrs, eq(ivrs.id, ivrRefs.ivrId))
    .where(
      and(
        inArray(ivrRefs.kind, kinds),
        eq(ivrRefs.target, target),
        exceptId ? ne(ivrs.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(ivrs.number));
  return [
    ...tcs.map((t) => ({
      kind: "timecondition" as const,
      number: t.number,
      name: t.name,
      via:
        t.matchedType === kind && t.matchedTarget === target
          ? "matched destination"
          : "unmatched destination",
    })),
    ...ivrRows.map((i) => ({
      kind: "ivr" as const,
      ...i,
      via: kind === "sound" ? "a step's sound" : "a step",
    })),
  ];
}

/** "ring group 600 “Sales” (failover), queue 700 “Support” (out-of-hours destination)". */
export function describeReferrers(refs: Referrer[]) {
  return refs
    .map((r) =>
      r.kind === "did" || r.kind === "ringtree"
        ? describeInboundReference({ ...r, kind: r.kind, target: "", type: "hangup" })
        : `${nounOf(r.kind)} ${r.number} “${r.name}” (${r.via})`,
    )
    .join(", ");
}

function nounOf(kind: OwnerKind): string {
  return kind === "group"
    ? "ring group"
    : kind === "ringtree"
      ? "ring tree"
      : kind === "timecondition"
        ? "time condition"
        : kind === "ivr"
          ? "IVR"
          : kind;
}

async function lockOwner(
  tx: Tx,
  type: Exclude<Destination["type"], "hangup">,
  number: string,
): Promise<Owner | null> {
  if (type === "extension" || type === "voicemail") {
    const [row] = await tx
      .select({ number: extensions.number, voicemail: extensions.voicemailEnabled })
      .from(extensions)
      .where(eq(extensions.number, number))
      .for("share");
    return row ? { kind: "extension", ...row } : null;
  }
  if (type === "ivr") {
    const [row] = await tx
      .select({ number: ivrs.number })
      .from(ivrs)
      .where(eq(ivrs.number, number))
      .for("share");
    return row ? { kind: "ivr", ...row } : null;
  }
  if (type === "timecondition") {
    const [row] = await tx
      .select({ number: timeConditions.number })
      .from(timeConditions)
      .where(eq(timeConditions.number, number))
      .for("share");
    return row ? { kind: "timecondition", ...row } : null;
  }
  if (type === "group") {
    const [row] = await tx
      .select({ number: extensionGroups.number })
      .from(extensionGroups)
      .where(eq(extensionGroups.number, number))
      .for("share");
    return row ? { kind: "group", ...row } : null;
  }
  if (type === "ringtree") {
    const [row] = await tx
      .select({ number: ringTrees.number })
      .from(ringTrees)
      .where(eq(ringTrees.number, number))
      .for("share");
    return row ? { kind: "ringtree", ...row } : null;
  }
  if (type !== "queue") return null;
  const [row] = await tx
    .select({ number: queues.number })
    .from(queues)
    .where(eq(queues.number, number))
    .for("share");
  return row ? { kind: "queue", ...row } : null;
}

async function anyOwner(tx: Tx, number: string): Promise<Owner | null> {
  for (const type of ["extension", "group", "queue", "ringtree", "ivr", "timecondition"] as const) {
    const owner = await lockOwner(tx, type, number);
    if (owner) return owner;
  }
  return null;
}

/**
 * Follows failover (groups) and out-of-hours (queues) links from `start`; returns the path when
 * it reaches `self`, else null. The visited set bounds the walk even if the data already loops.
 */
async function followChain(
  tx: Tx,
  start: { kind: "group" | "queue"; number: string },
  self: { kind: "group" | "queue"; number: string },
): Promise<string[] | null> {
  const label = (n: { kind: "group" | "queue"; number: string }) => `${nounOf(n.kind)} ${n.number}`;
  const path = [label(self), label(start)];
  const seen = new Set<string>();
  let node: { kind: "group" | "queue"; number: string } | null = start;
  while (node) {
    if (node.kind === self.kind && node.number === self.number) return path;
    const key = `${node.kind}:${node.number}`;
    if (seen.has(key)) return null;
    seen.add(key);
    const next = await nextHop(tx, node);
    if (next) path.push(label(next));
    node = next;
  }
  return null;
}

async function nextHop(
  tx: Tx,
  node: { kind: "group" | "queue"; number: string },
): Promise<{ kind: "group" | "queue"; number: string } | null> {
  const [row] =
    node.kind === "group"
      ? await tx
          .select({ type: extensionGroups.failoverType, target: extensionGroups.failoverTarget })
          .from(extensionGroups)
          .where(eq(extensionGroups.number, node.number))
      : await tx
          .select({ type: queues.outOfHoursType, target: queues.outOfHoursTarget })
          .from(queues)
          .where(eq(queues.number, node.number));
  if (!row?.target || (row.type !== "group" && row.type !== "queue")) return null;
  return { kind: row.type, number: row.target };
}
