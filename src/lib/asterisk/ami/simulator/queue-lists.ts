import { type ListBuilder, type ListItem, list } from "./list-format";
import { availableMembers } from "./queue-calls";
import { memberHeaders } from "./world-devices";

/** QueueStatus (QueueParams, QueueMember with Name/Location, QueueEntry) and QueueSummary, filtered as Asterisk filters them. */
export const QUEUE_LISTS: Record<string, ListBuilder> = {
  queuestatus: (world, get, id) => {
    const wanted = get("Queue");
    const member = get("Member");
    const items: ListItem[] = [];
    for (const queue of world.queues.values()) {
      if (wanted && queue.name !== wanted) continue;
      const completed = queue.completed;
      items.push({
        event: "QueueParams",
        actionIdLast: true,
        headers: [
          ["Queue", queue.name],
          ["Max", "0"],
          ["Strategy", queue.strategy],
          ["Calls", String(queue.entries.length)],
          ["Holdtime", String(queue.holdTime)],
          ["TalkTime", String(queue.talkTime)],
          ["Completed", String(completed)],
          ["Abandoned", String(queue.abandoned)],
          ["ServiceLevel", String(queue.serviceLevel)],
          ["ServicelevelPerf", completed ? ((queue.withinServiceLevel / completed) * 100).toFixed(1) : "0.0"],
          ["ServicelevelPerf2", percent(queue.withinServiceLevel, completed + queue.abandoned)],
          ["Weight", String(queue.weight)],
        ],
      });
      for (const m of queue.members.values()) {
        if (member && m.interface !== member && m.name !== member) continue;
        items.push({ event: "QueueMember", actionIdLast: true, headers: memberHeaders(world, m, "list") });
      }
      queue.entries.forEach((entry, index) => {
        const ch = world.channels.get(entry.uniqueid);
        if (!ch) return;
        items.push({
          event: "QueueEntry",
          actionIdLast: true,
          headers: [
            ["Queue", queue.name],
            ["Position", String(index + 1)],
            ["Channel", ch.name],
            ["Uniqueid", ch.uniqueid],
            ["CallerIDNum", ch.callerIdNum || "unknown"],
            ["CallerIDName", ch.callerIdName || "unknown"],
            ["ConnectedLineNum", ch.connectedLineNum || "unknown"],
            ["ConnectedLineName", ch.connectedLineName || "unknown"],
            ["Wait", String(Math.floor((world.now() - entry.joinedAt) / 1000))],
            ["Priority", "0"],
          ],
        });
      });
    }
    return list(id, "Queue status will follow", "QueueStatusComplete", items);
  },
  queuesummary: (world, get, id) => {
    const wanted = get("Queue");
    const items: ListItem[] = [...world.queues.values()]
      .filter((q) => !wanted || q.name === wanted)
      .map((q) => ({
        event: "QueueSummary",
        actionIdLast: true,
        headers: [
          ["Queue", q.name],
          ["LoggedIn", String(q.members.size)],
          ["Available", String(availableMembers(world, q).length)],
          ["Callers", String(q.entries.length)],
          ["HoldTime", String(q.holdTime)],
          ["TalkTime", String(q.talkTime)],
          [
            "LongestHoldTime",
            String(Math.max(0, ...q.entries.map((e) => Math.floor((world.now() - e.joinedAt) / 1000)))),
          ],
        ],
      }));
    return list(id, "Queue summary will follow", "QueueSummaryComplete", items);
  },
};

function percent(part: number, whole: number): string {
  return whole ? ((part / whole) * 100).toFixed(1) : "0.0";
}
