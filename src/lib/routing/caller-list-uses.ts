import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { callerListAssignments, dids, ringTreeNodes, ringTrees } from "@/lib/db/schema/inbound";
import { queues } from "@/lib/db/schema/queues";

/** What uses a list: DIDs, queues and ring trees (assignments and filter nodes), as labels. */
export async function listCallerListUsesTx(exec: Db | Tx, id: string): Promise<string[]> {
  const [didRows, queueRows, treeRows, nodeRows] = await Promise.all([
    exec
      .select({ number: dids.number })
      .from(callerListAssignments)
      .innerJoin(dids, eq(dids.id, callerListAssignments.didId))
      .where(eq(callerListAssignments.listId, id)),
    exec
      .select({ number: queues.number, name: queues.name })
      .from(callerListAssignments)
      .innerJoin(queues, eq(queues.id, callerListAssignments.queueId))
      .where(eq(callerListAssignments.listId, id)),
    exec
      .select({ number: ringTrees.number, name: ringTrees.name })
      .from(callerListAssignments)
      .innerJoin(ringTrees, eq(ringTrees.id, callerListAssignments.ringTreeId))
      .where(eq(callerListAssignments.listId, id)),
    exec
      .select({ number: ringTrees.number, name: ringTrees.name, key: ringTreeNodes.nodeKey })
      .from(ringTreeNodes)
      .innerJoin(ringTrees, eq(ringTrees.id, ringTreeNodes.treeId))
      .where(eq(ringTreeNodes.listId, id)),
  ]);
  return [
    ...didRows.map((d) => `DID ${d.number}`),
    ...queueRows.map((q) => `queue ${q.number} “${q.name}”`),
    ...treeRows.map((t) => `ring tree ${t.number} “${t.name}”`),
    ...nodeRows.map((t) => `ring tree ${t.number} “${t.name}” (filter ${t.key})`),
  ];
}
