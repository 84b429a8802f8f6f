import type { AmiEvent } from "../../../ami/message";
import { AmiMessageParser } from "../../../ami/message-parser";
import { listActionIds, recvByConnection, type Transcript } from "../../../ami/testing/transcript";
import { REBUILD_ACTIONS, type RebuildLists } from "../rebuild";

/**
 * A recorded session as the listener would see it, read through the real AmiMessageParser:
 * live events in wire order, and at the point where a block of list replies (`start-*`,
 * `snap-*`, `end-*`, see the fixtures README) is complete, that block's lists. Replies to other
 * list actions (`qstatus-after-add`, `mid-ConfbridgeList`) are neither events nor blocks.
 */
export type TranscriptStep =
  | { kind: "event"; event: AmiEvent }
  | { kind: "lists"; block: string; lists: RebuildLists }
  | { kind: "reconnect" };

/** List blocks by ActionID prefix; 01 names its first block `idle-` instead of `start-`. */
const BLOCKS = ["start", "idle", "snap", "end"];

export function transcriptSteps(transcript: Transcript): TranscriptStep[] {
  const listIds = listActionIds(transcript);
  const connections = recvByConnection(transcript).map((raws) => {
    const parser = new AmiMessageParser();
    return parser.push(raws.join("")).flatMap((frame) => (frame.kind === "message" ? [frame.message] : []));
  });

  // Where each block ends: its last reply, counted over the whole session.
  const messages = connections.flat();
  const lastOfBlock = new Map<number, string>();
  BLOCKS.forEach((block) => {
    let last = -1;
    messages.forEach((m, i) => {
      if (m.actionId?.startsWith(`${block}-`)) last = i;
    });
    if (last !== -1) lastOfBlock.set(last, block);
  });

  const steps: TranscriptStep[] = [];
  const collected = new Map<string, AmiEvent[]>();
  let index = 0;
  connections.forEach((connection, n) => {
    if (n > 0) steps.push({ kind: "reconnect" });
    for (const message of connection) {
      const id = message.actionId;
      if (message.type === "event" && (id === undefined || !listIds.has(id))) {
        steps.push({ kind: "event", event: message });
      } else if (message.type === "event" && id !== undefined) {
        const items = collected.get(id) ?? [];
        items.push(message);
        collected.set(id, items);
      }
      const block = lastOfBlock.get(index);
      if (block !== undefined) steps.push({ kind: "lists", block, lists: listsOf(collected, block) });
      index += 1;
    }
  });
  return steps;
}

/** Every live event of a session, in order: input for benchmarks. */
export function liveEventsOf(transcript: Transcript): AmiEvent[] {
  return transcriptSteps(transcript).flatMap((step) => (step.kind === "event" ? [step.event] : []));
}

function listsOf(collected: Map<string, AmiEvent[]>, block: string): RebuildLists {
  const lists = {} as RebuildLists;
  for (const action of REBUILD_ACTIONS) lists[action] = collected.get(`${block}-${action}`) ?? [];
  const conference = collected.get(`${block}-ConfbridgeList`);
  if (conference !== undefined) {
    const byRoom: Record<string, AmiEvent[]> = {};
    for (const item of conference) {
      const room = item.fields.Conference;
      if (room) byRoom[room] = [...(byRoom[room] ?? []), item];
    }
    lists.ConfbridgeList = byRoom;
  }
  return lists;
}
