import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import type { DestinationType } from "@/lib/db/schema/extensions";
import { didCallerRules, dids, ringTreeNodes, ringTrees } from "@/lib/db/schema/inbound";

export type InboundReference = {
  kind: "did" | "ringtree";
  /** The referring DID's or ring tree's number, and its name or description. */
  number: string;
  name: string;
  via: string;
  /** The referenced number and type. */
  target: string;
  type: DestinationType;
};

/**
 * DIDs (destination, caller-ID rules) and ring-tree nodes that send calls to these numbers as one
 * of these types. They refer by number, so neither deleting nor renumbering the target is safe
 * while any remain.
 */
export async function findInboundReferences(
  tx: Tx,
  numbers: string[],
  types: DestinationType[],
): Promise<InboundReference[]> {
  if (numbers.length === 0 || types.length === 0) return [];
  const nodeKinds = types.filter(
    (t): t is "extension" | "group" | "queue" | "voicemail" =>
      t === "extension" || t === "group" || t === "queue" || t === "voicemail",
  );
  const [main, rules, nodes] = await Promise.all([
    tx
      .select({
        number: dids.number,
        name: dids.description,
        target: dids.destinationTarget,
        type: dids.destinationType,
      })
      .from(dids)
      .where(and(inArray(dids.destinationType, types), inArray(dids.destinationTarget, numbers)))
      .orderBy(asc(dids.number)),
    tx
      .select({
        number: dids.number,
        name: dids.description,
        position: didCallerRules.position,
        target: didCallerRules.destinationTarget,
        type: didCallerRules.destinationType,
      })
      .from(didCallerRules)
      .innerJoin(dids, eq(dids.id, didCallerRules.didId))
      .where(
        and(
          inArray(didCallerRules.destinationType, types),
          inArray(didCallerRules.destinationTarget, numbers),
        ),
      )
      .orderBy(asc(dids.number), asc(didCallerRules.position)),
    nodeKinds.length
      ? tx
          .select({
            number: ringTrees.number,
            name: ringTrees.name,
            key: ringTreeNodes.nodeKey,
            target: ringTreeNodes.target,
            type: ringTreeNodes.kind,
          })
          .from(ringTreeNodes)
          .innerJoin(ringTrees, eq(ringTrees.id, ringTreeNodes.treeId))
          .where(and(inArray(ringTreeNodes.kind, nodeKinds), inArray(ringTreeNodes.target, numbers)))
          .orderBy(asc(ringTrees.number), asc(ringTreeNodes.position))
      : Promise.resolve([]),
  ]);
  return [
    ...main.map((r) => ({
      kind: "did" as const,
      number: r.number,
      name: r.name,
      via: "destination",
      target: r.target!,
      type: r.type,
    })),
    ...rules.map((r) => ({
      kind: "did" as const,
      number: r.number,
      name: r.name,
      via: `caller-ID rule ${r.position + 1}`,
      target: r.target!,
      type: r.type,
    })),
    ...nodes.map((r) => ({
      kind: "ringtree" as const,
      number: r.number,
      name: r.name,
      via: `node ${r.key}`,
      target: r.target!,
      type: r.type as DestinationType,
    })),
  ];
}

/** "DID +4420… “Main line” (destination)". */
export function describeInboundReference(r: InboundReference): string {
  return `${r.kind === "did" ? "DID" : "ring tree"} ${r.number}${r.name ? ` “${r.name}”` : ""} (${r.via})`;
}
