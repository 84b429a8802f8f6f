import type { Destination } from "@/lib/asterisk/compiler/state";
import { isOnList, screenCaller } from "./screen";
import type { Walker } from "./types";

/**
 * A ring tree as [sb-ringtrees] runs it when nobody answers: the caller is screened, then every
 * node rings in preorder; a voicemail or hang-up node ends the tree there, a filter node may refuse
 * the caller, and a tree that runs out hangs up.
 */
export const walkRingTree: Walker = (ctx, number) => {
  const tree = ctx.state.ringTrees.find((t) => t.number === number);
  if (!tree) return null;
  if (!screenCaller(ctx, tree.lists)) return null;
  const lists = new Map(ctx.state.callerLists.map((l) => [l.id, l]));
  for (const node of tree.nodes) {
    ctx.steps.push({ step: "ringtree", target: tree.number, detail: node.key });
    if (node.kind === "voicemail" && node.target) return { type: "voicemail", target: node.target };
    if (node.kind === "hangup") return { type: "hangup", target: null };
    if (node.kind === "filter") {
      const list = node.listId ? lists.get(node.listId) : undefined;
      if (!list) continue;
      const listed = isOnList(list, ctx.input.callerId, ctx.input.at);
      if (list.kind === "block" ? listed : !listed) {
        ctx.steps.push({ step: "blocklist", target: list.id, detail: "blocked" });
        return null;
      }
    }
  }
  return { type: "hangup", target: null } satisfies Destination;
};

/** A queue screens its callers with its lists; the call then waits in the queue (the end). */
export const walkQueue: Walker = (ctx, number) => {
  const queue = ctx.state.queues.find((q) => q.number === number);
  if (queue) screenCaller(ctx, queue.lists);
  return null;
};
