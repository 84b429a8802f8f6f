import { asc } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import {
  callerListAssignments,
  callerListEntries,
  callerLists,
  didCallerRules,
  dids,
  ringTreeNodes,
  ringTrees,
} from "@/lib/db/schema/inbound";
import { configColumns } from "./load-columns";
import type { CallerListState, DidState, RingTreeState } from "./state";

export type InboundState = {
  dids: DidState[];
  callerLists: CallerListState[];
  ringTrees: RingTreeState[];
  /** Queue id → ids of the lists that screen its callers. */
  queueLists: Map<string, string[]>;
};

/**
 * The inbound-routing part of ConfigState, in six queries whatever the size. Expired list entries
 * are kept (the dialplan compares their expiry with the time of the call, and so does the dry run),
 * until the purge job deletes them.
 */
export async function loadInboundState(db: Db | Tx): Promise<InboundState> {
  const [didRows, ruleRows, listRows, entryRows, treeRows, nodeRows, assignmentRows] = await Promise.all([
    db.select(configColumns(dids)).from(dids).orderBy(asc(dids.number)),
    db
      .select(configColumns(didCallerRules))
      .from(didCallerRules)
      .orderBy(asc(didCallerRules.didId), asc(didCallerRules.position)),
    db.select(configColumns(callerLists)).from(callerLists).orderBy(asc(callerLists.name)),
    db
      .select({
        listId: callerListEntries.listId,
        value: callerListEntries.value,
        expiresAt: callerListEntries.expiresAt,
      })
      .from(callerListEntries)
      .orderBy(asc(callerListEntries.listId), asc(callerListEntries.value)),
    db.select(configColumns(ringTrees)).from(ringTrees).orderBy(asc(ringTrees.number)),
    db
      .select(configColumns(ringTreeNodes))
      .from(ringTreeNodes)
      .orderBy(asc(ringTreeNodes.treeId), asc(ringTreeNodes.position)),
    db
      .select(configColumns(callerListAssignments))
      .from(callerListAssignments)
      .orderBy(asc(callerListAssignments.id)),
  ]);
  const rulesByDid = groupBy(ruleRows, (r) => r.didId);
  const entriesByList = groupBy(entryRows, (r) => r.listId);
  const nodesByTree = groupBy(nodeRows, (r) => r.treeId);
  const listsOf = (key: "didId" | "queueId" | "ringTreeId") => {
    const map = new Map<string, string[]>();
    for (const a of assignmentRows) {
      const owner = a[key];
      if (!owner) continue;
      const list = map.get(owner);
      if (list) list.push(a.listId);
      else map.set(owner, [a.listId]);
    }
    return map;
  };
  const didLists = listsOf("didId");
  const treeLists = listsOf("ringTreeId");

  return {
    queueLists: listsOf("queueId"),
    dids: didRows.map((d) => ({
      id: d.id,
      number: d.number,
      description: d.description,
      trunkName: d.trunkName,
      destination: { type: d.destinationType, target: d.destinationTarget },
      rules: (rulesByDid.get(d.id) ?? []).map((r) => ({
        pattern: r.pattern,
        destination: { type: r.destinationType, target: r.destinationTarget },
      })),
      lists: didLists.get(d.id) ?? [],
    })),
    callerLists: listRows.map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      entries: (entriesByList.get(l.id) ?? []).map((e) => ({
        value: e.value,
        expiresAt: e.expiresAt ? Math.floor(e.expiresAt.getTime() / 1000) : null,
      })),
    })),
    ringTrees: treeRows.map((t) => {
      const nodes = nodesByTree.get(t.id) ?? [];
      const depthOf = new Map<string, number>();
      return {
        id: t.id,
        number: t.number,
        name: t.name,
        lists: treeLists.get(t.id) ?? [],
        nodes: nodes.map((n) => {
          const depth = n.parentKey ? (depthOf.get(n.parentKey) ?? 0) + 1 : 0;
          depthOf.set(n.nodeKey, depth);
          return {
            key: n.nodeKey,
            parentKey: n.parentKey,
            depth,
            kind: n.kind,
            target: n.target,
            listId: n.listId,
            timeout: n.timeout,
          };
        }),
      };
    }),
  };
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
