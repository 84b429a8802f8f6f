import type { LiveQueue, LiveQueueEntry } from "../types";
import { type Fields, int, text } from "./ami-fields";
import { refreshChannel, snapshotKeys } from "./channel-snapshot";
import type { LiveModel, Reducer } from "./live-model";
import { queueFor } from "./queue-members";

/**
 * Callers waiting in queues (`queue.entries`, keyed by Uniqueid) and the queues' today counters.
 *
 * - `QueueCallerJoin` → add the entry at `Position` (entries at or after it move down one),
 *   `joinedAt` = Timestamp; the caller's channel gets application `Queue` and `queue`.
 * - `QueueCallerLeave` → remove it; entries after it move up one. (Answered or abandoned alike.)
 * - `QueueCallerAbandon` → `today.abandoned` + 1. The entry goes with the QueueCallerLeave that
 *   follows (Asterisk sends both, and waiting callers are abandoned before a `Shutdown`).
 * - `AgentCalled` → the member's leg gets application `AppQueue` and `queue`.
 * - `AgentConnect` → `today.answered` + 1, and `answeredWithinSla` + 1 when `HoldTime` ≤ the
 *   queue's ServiceLevel (Asterisk's own test for callscompletedinsl).
 * - `AgentRingNoAnswer`, `AgentDump` → nothing to model: QueueMemberStatus carries the member.
 * - `QueueParams` / `QueueEntry` (QueueStatus list items) → strategy and service level / upsert
 *   the entry (`joinedAt` = now − `Wait`), so an ad-hoc QueueStatus reply is harmless.
 *
 * `today` belongs to the local day (options.timeZone) of the event's Timestamp: the first
 * counted event of a new day starts from zero, and tick() rolls idle queues over at midnight.
 */
export const queueCallerReducers: Record<string, Reducer> = {
  QueueCallerJoin(model, f, at) {
    const queue = queueFor(model, f.Queue, at);
    const channel = refreshChannel(model, f, "", at);
    if (queue === undefined || !f.Uniqueid) return;
    if (queue.entries[f.Uniqueid] !== undefined) removeEntry(model, queue, f.Uniqueid);
    const position = Math.max(1, int(f.Position, Object.keys(queue.entries).length + 1));
    shiftEntries(queue, position, +1);
    addEntry(model, queue, entryFromFields(f, position, at));
    if (channel !== undefined && (channel.application !== "Queue" || channel.queue !== queue.name)) {
      channel.application = "Queue";
      channel.queue = queue.name;
      model.touch("channels", channel.uniqueid);
    }
  },

  QueueCallerLeave(model, f, at) {
    refreshChannel(model, f, "", at);
    const queue = f.Queue === undefined ? undefined : model.state.queues[f.Queue];
    if (queue !== undefined && f.Uniqueid) removeEntry(model, queue, f.Uniqueid);
  },

  QueueCallerAbandon(model, f, at) {
    refreshChannel(model, f, "", at);
    const queue = queueFor(model, f.Queue, at);
    if (queue === undefined) return;
    const today = todayOf(model, queue, at);
    queue.today = { ...today, abandoned: today.abandoned + 1 };
    model.touch("queues", queue.name);
  },

  AgentCalled(model, f, at) {
    refreshChannel(model, f, "", at);
    const member = refreshChannel(model, f, "Dest", at);
    if (member !== undefined && f.Queue && (member.application !== "AppQueue" || member.queue !== f.Queue)) {
      member.application = "AppQueue";
      member.queue = f.Queue;
      model.touch("channels", member.uniqueid);
    }
  },

  AgentConnect(model, f, at) {
    refreshChannel(model, f, "", at);
    refreshChannel(model, f, "Dest", at);
    const queue = queueFor(model, f.Queue, at);
    if (queue === undefined) return;
    const today = todayOf(model, queue, at);
    const withinSla = int(f.HoldTime, Number.POSITIVE_INFINITY) <= queue.serviceLevel;
    queue.today = {
      ...today,
      answered: today.answered + 1,
      answeredWithinSla: today.answeredWithinSla + (withinSla ? 1 : 0),
    };
    model.touch("queues", queue.name);
  },

  QueueParams(model, f, at) {
    const queue = queueFor(model, f.Queue, at);
    if (queue === undefined) return;
    const strategy = f.Strategy ?? queue.strategy;
    const serviceLevel = int(f.ServiceLevel, queue.serviceLevel);
    if (strategy === queue.strategy && serviceLevel === queue.serviceLevel) return;
    queue.strategy = strategy;
    queue.serviceLevel = serviceLevel;
    model.touch("queues", queue.name);
  },

  QueueEntry(model, f, at) {
    const queue = queueFor(model, f.Queue, at);
    if (queue === undefined || !f.Uniqueid) return;
    addEntry(model, queue, entryFromFields(f, Math.max(1, int(f.Position, 1)), at - int(f.Wait) * 1000));
  },
};

/** A waiting caller from QueueCallerJoin or QueueEntry headers (same names in both). */
export function entryFromFields(f: Fields, position: number, joinedAt: number): LiveQueueEntry {
  const k = snapshotKeys("");
  return {
    uniqueid: f[k.uniqueid] ?? "",
    channel: f[k.channel] ?? "",
    position,
    callerIdNum: text(f[k.callerIdNum]),
    callerIdName: text(f[k.callerIdName]),
    joinedAt,
  };
}

/** Removes a waiting caller (QueueCallerLeave, Hangup) and closes the gap behind it. */
export function removeEntry(model: LiveModel, queue: LiveQueue, uniqueid: string): void {
  const entry = queue.entries[uniqueid];
  if (entry === undefined) return;
  delete queue.entries[uniqueid];
  model.entryQueue.delete(uniqueid);
  shiftEntries(queue, entry.position + 1, -1);
  model.touch("queues", queue.name);
}

/** The queue's counters for the day of `at`, zeroed first if the day has turned. */
export function todayOf(model: LiveModel, queue: LiveQueue, at: number): LiveQueue["today"] {
  const day = model.day.of(at);
  if (queue.today.day !== day) queue.today = { day, answered: 0, abandoned: 0, answeredWithinSla: 0 };
  return queue.today;
}

function addEntry(model: LiveModel, queue: LiveQueue, entry: LiveQueueEntry): void {
  queue.entries[entry.uniqueid] = entry;
  model.entryQueue.set(entry.uniqueid, queue.name);
  model.touch("queues", queue.name);
}

/** Entries at `from` or after move by `delta` (new objects: published copies share entries). */
function shiftEntries(queue: LiveQueue, from: number, delta: number): void {
  for (const [uniqueid, entry] of Object.entries(queue.entries)) {
    if (entry.position >= from) queue.entries[uniqueid] = { ...entry, position: entry.position + delta };
  }
}
