import type { LiveQueue, LiveQueueMember } from "../types";
import { epochSecondsMs, type Fields, flag, int } from "./ami-fields";
import { blfFromDeviceState } from "./blf-state";
import type { LiveModel, Reducer } from "./live-model";

/**
 * Queue members, keyed by Interface inside their queue. Every member event carries the whole
 * member, so each one replaces it (a new object: published copies share member objects):
 *
 * - `QueueMemberAdded`, `QueueMemberStatus`, `QueueMemberPause`, `QueueMemberPenalty`,
 *   `QueueMemberRinginuse` → upsert the member from its fields. `pausedSince` is set when it
 *   turns paused (LastPause if Asterisk gives one, else the event's Timestamp) and cleared on
 *   unpause. A pause without `Queue` arrives as one QueueMemberPause per queue, nothing special.
 * - `QueueMemberRemoved` → remove the member.
 * - `AgentConnect` → `inCall` true (Asterisk sends no QueueMemberStatus when the call connects);
 *   `AgentComplete` → `inCall` false and `lastCall` = Timestamp. `callsTaken` is never counted
 *   here: the next QueueMemberStatus carries Asterisk's own count.
 * - `QueueMember` (a QueueStatus list item, `Name`/`Location` instead of `MemberName`/`Interface`)
 *   → upsert too, so an ad-hoc QueueStatus reply passed to apply() is harmless.
 */
export const queueMemberReducers: Record<string, Reducer> = {
  QueueMemberAdded: upsertMember,
  QueueMemberStatus: upsertMember,
  QueueMemberPause: upsertMember,
  QueueMemberPenalty: upsertMember,
  QueueMemberRinginuse: upsertMember,
  QueueMember: upsertMember,

  QueueMemberRemoved(model, f) {
    const queue = f.Queue === undefined ? undefined : model.state.queues[f.Queue];
    const iface = f.Interface ?? f.Location;
    if (queue === undefined || !iface || queue.members[iface] === undefined) return;
    delete queue.members[iface];
    model.touch("queues", queue.name);
  },

  AgentConnect(model, f) {
    patchMember(model, f, { inCall: true });
  },

  AgentComplete(model, f, at) {
    patchMember(model, f, { inCall: false, lastCall: at });
  },
};

/** A member from live-event (`MemberName`/`Interface`) or list (`Name`/`Location`) headers. */
export function memberFromFields(
  f: Fields,
  previous: LiveQueueMember | undefined,
  at: number,
): LiveQueueMember | null {
  const iface = f.Interface ?? f.Location;
  if (!iface) return null;
  const paused = flag(f.Paused);
  const membership = f.Membership;
  return {
    interface: iface,
    name: f.MemberName ?? f.Name ?? previous?.name ?? iface,
    stateInterface: f.StateInterface || previous?.stateInterface || iface,
    state: blfFromDeviceState(f.Status),
    paused,
    pausedReason: paused ? (f.PausedReason ?? "") : "",
    pausedSince: paused ? (previous?.pausedSince ?? epochSecondsMs(f.LastPause) ?? at) : null,
    callsTaken: int(f.CallsTaken, previous?.callsTaken ?? 0),
    lastCall: f.LastCall === undefined ? (previous?.lastCall ?? null) : epochSecondsMs(f.LastCall),
    inCall: f.InCall === undefined ? (previous?.inCall ?? false) : flag(f.InCall),
    membership: membership === "dynamic" || membership === "realtime" ? membership : "static",
    penalty: int(f.Penalty, previous?.penalty ?? 0),
  };
}

/** The queue named in the event, created empty if unknown (live events don't carry its params). */
export function queueFor(model: LiveModel, name: string | undefined, at: number): LiveQueue | undefined {
  if (!name) return undefined;
  let queue = model.state.queues[name];
  if (queue === undefined) {
    queue = {
      name,
      strategy: "",
      serviceLevel: 0,
      entries: Object.create(null),
      members: Object.create(null),
      today: { day: model.day.of(at), answered: 0, abandoned: 0, answeredWithinSla: 0 },
    };
    model.state.queues[name] = queue;
    model.touch("queues", name);
  }
  return queue;
}

function upsertMember(model: LiveModel, f: Fields, at: number): void {
  const queue = queueFor(model, f.Queue, at);
  if (queue === undefined) return;
  const iface = f.Interface ?? f.Location ?? "";
  const previous = queue.members[iface];
  const member = memberFromFields(f, previous, at);
  if (member === null || (previous !== undefined && sameMember(previous, member))) return;
  queue.members[member.interface] = member;
  model.touch("queues", queue.name);
}

function patchMember(model: LiveModel, f: Fields, patch: Partial<LiveQueueMember>): void {
  const queue = f.Queue === undefined ? undefined : model.state.queues[f.Queue];
  const iface = f.Interface;
  const member = queue === undefined || !iface ? undefined : queue.members[iface];
  if (queue === undefined || member === undefined) return;
  queue.members[member.interface] = { ...member, ...patch };
  model.touch("queues", queue.name);
}

function sameMember(a: LiveQueueMember, b: LiveQueueMember): boolean {
  return (
    a.state === b.state &&
    a.paused === b.paused &&
    a.pausedReason === b.pausedReason &&
    a.pausedSince === b.pausedSince &&
    a.callsTaken === b.callsTaken &&
    a.lastCall === b.lastCall &&
    a.inCall === b.inCall &&
    a.penalty === b.penalty &&
    a.membership === b.membership &&
    a.name === b.name &&
    a.stateInterface === b.stateInterface
  );
}
