import { createBridge, emitCdr, enterBridge } from "./bridge-events";
import {
  dialEvent,
  hangup,
  hangupRequest,
  mohEvent,
  newChannel,
  setConnectedLine,
  setState,
  softHangupRequest,
} from "./channel-events";
import type { SimWorld } from "./sim-world";
import { channelHeaders, type WireHeaders } from "./wire-format";
import { emitDeviceState, emitEndpoint, refreshEndpoint, setDevice, syncEndpoint } from "./world-devices";
import type { SimChannel, SimMember, SimQueue } from "./world-types";

/**
 * A caller's life in app_queue, in the order 06-queue-call-answered and 07-queue-abandon show:
 * join (QueueCallerJoin + MOH), members rung (AgentCalled + DialBegin per member), then either
 * AgentConnect and a bridge, or QueueCallerAbandon when the caller gives up.
 */

export function waitingQueue(world: SimWorld, ch: SimChannel): SimQueue | undefined {
  for (const queue of world.queues.values()) {
    if (queue.entries.some((e) => e.uniqueid === ch.uniqueid)) return queue;
  }
  return undefined;
}

/** Members app_queue may ring now: registered, unpaused and idle (or ringinuse). */
export function availableMembers(world: SimWorld, queue: SimQueue): SimMember[] {
  return [...queue.members.values()].filter((m) => {
    if (m.paused) return false;
    const state = world.devices.get(m.stateInterface);
    if (state === "UNAVAILABLE" || state === "INVALID" || state === undefined) return false;
    return state === "NOT_INUSE" || m.ringinuse;
  });
}

/** Whom one round rings: everyone for ringall, else one member by the strategy. */
export function selectMembers(world: SimWorld, queue: SimQueue): SimMember[] {
  const free = availableMembers(world, queue);
  if (free.length === 0 || queue.strategy === "ringall") return free;
  const all = [...queue.members.values()];
  switch (queue.strategy) {
    case "rrmemory":
    case "roundrobin": {
      for (let i = 0; i < all.length; i++) {
        const member = all[(queue.nextMember + i) % all.length] as SimMember;
        if (free.includes(member)) {
          queue.nextMember = (all.indexOf(member) + 1) % all.length;
          return [member];
        }
      }
      return [];
    }
    case "leastrecent":
      return [free.reduce((a, b) => (b.lastCall < a.lastCall ? b : a))];
    case "fewestcalls":
      return [free.reduce((a, b) => (b.callsTaken < a.callsTaken ? b : a))];
    case "random":
      return [world.prng.pick(free)];
    default:
      return [free[0] as SimMember];
  }
}

/** The caller (already Up) enters Queue(): Queue:<name> device, QueueCallerJoin, MOH. */
export function joinQueue(world: SimWorld, caller: SimChannel, queue: SimQueue): void {
  caller.priority = 2;
  caller.exten = queue.number;
  caller.application = "Queue";
  caller.applicationData = `${queue.name},,,,60`;
  caller.cdr = {
    destination: queue.number,
    destinationContext: caller.context,
    unanswered: [],
    answeredChannel: "",
  };
  queue.entries.push({
    uniqueid: caller.uniqueid,
    joinedAt: world.now(),
    originalPosition: queue.entries.length + 1,
  });
  if (setDevice(world, `Queue:${queue.name}`, "RINGING")) emitDeviceState(world, `Queue:${queue.name}`);
  world.emit("QueueCallerJoin", "agent,all", [
    ...channelHeaders(caller),
    ["Queue", queue.name],
    ["Position", String(queue.entries.length)],
    ["Count", String(queue.entries.length)],
  ]);
  mohEvent(world, caller, true);
}

/** Rings `members` for a waiting caller; returns the new legs. */
export function ringMembers(
  world: SimWorld,
  caller: SimChannel,
  queue: SimQueue,
  members: SimMember[],
  owner: number,
): SimChannel[] {
  const legs = members.map((member) => {
    const endpoint = member.interface.replace(/^PJSIP\//, "");
    const leg = newChannel(world, { endpoint, state: "Down", exten: "s", owner, linkedid: caller.linkedid });
    leg.exten = queue.number;
    leg.connectedLineNum = caller.callerIdNum;
    leg.connectedLineName = caller.callerIdName;
    leg.application = "AppQueue";
    leg.applicationData = "(Outgoing Line)";
    leg.dialedBy = caller.uniqueid;
    caller.dialing.push(leg.uniqueid);
    world.emit("AgentCalled", "agent,all", [
      ...channelHeaders(caller),
      ...channelHeaders(leg, "Dest"),
      ...agent(member),
    ]);
    dialEvent(world, "DialBegin", caller, leg, [["DialString", member.interface]]);
    return leg;
  });
  for (const leg of legs) {
    setState(world, leg, "Ringing");
    setConnectedLine(world, leg, caller);
    const changed = refreshEndpoint(world, leg.endpoint);
    if (changed) emitEndpoint(world, leg.endpoint, "D");
    dialEvent(world, "DialState", caller, leg, [["DialStatus", "RINGING"]]);
    if (changed) emitEndpoint(world, leg.endpoint, "EQ");
  }
  return legs;
}

/** A ringing member answers: the others are cancelled, the caller leaves the queue and is bridged. */
export function answerQueueCall(world: SimWorld, caller: SimChannel, leg: SimChannel, queue: SimQueue): void {
  const member = memberOf(queue, leg);
  setState(world, leg, "Up");
  dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "ANSWER"]]);
  const others = caller.dialing.flatMap((id) => (id === leg.uniqueid ? [] : (world.channels.get(id) ?? [])));
  for (const other of others) {
    // Asterisk 22 reports each lost race twice (one DialEnd per CANCEL), see the fixtures README.
    dialEvent(world, "DialEnd", caller, other, [["DialStatus", "CANCEL"]]);
    dialEvent(world, "DialEnd", caller, other, [["DialStatus", "CANCEL"]]);
  }
  setConnectedLine(world, caller, leg);
  mohEvent(world, caller, false);
  const { holdTime } = leaveQueue(world, caller, queue);
  const now = world.now();
  caller.queueCall = {
    queue: queue.name,
    interface: member?.interface ?? `PJSIP/${leg.endpoint}`,
    memberName: member?.name ?? leg.callerIdName,
    agentUniqueid: leg.uniqueid,
    holdTime,
    connectedAt: now,
  };
  if (member) member.inCall = true;
  queue.holdTime = Math.round((queue.holdTime * 3 + holdTime) / 4);
  if (holdTime <= queue.serviceLevel) queue.withinServiceLevel += 1;
  world.emit("AgentConnect", "agent,all", [
    ...channelHeaders(caller),
    ...channelHeaders(leg, "Dest"),
    ...agentOf(caller),
    ["HoldTime", String(holdTime)],
    ["RingTime", String(Math.round((now - leg.createdAt) / 1000))],
  ]);
  const bridge = createBridge(world, "basic");
  enterBridge(world, bridge, leg);
  for (const other of others) {
    hangup(world, other, 26);
    syncEndpoint(world, other.endpoint, "DQE");
    caller.cdr?.unanswered.push(other.name);
  }
  caller.dialing = [];
  leg.dialedBy = null;
  if (caller.cdr) caller.cdr.answeredChannel = leg.name;
  enterBridge(world, bridge, caller);
  syncEndpoint(world, leg.endpoint);
}

/** The waiting caller hangs up (07): legs cancelled, QueueCallerAbandon, QueueCallerLeave, Hangup. */
export function abandonQueue(world: SimWorld, caller: SimChannel, queue: SimQueue): void {
  hangupRequest(world, caller);
  mohEvent(world, caller, false);
  const legs = cancelLegs(world, caller);
  const [first, ...rest] = legs;
  if (first) hangup(world, first, 0);
  const firstChanged = first ? refreshEndpoint(world, first.endpoint) : false;
  if (firstChanged) emitEndpoint(world, first?.endpoint ?? null, "D");
  const index = queue.entries.findIndex((e) => e.uniqueid === caller.uniqueid);
  const entry = queue.entries[index];
  const position = index + 1;
  const holdTime = entry ? Math.round((world.now() - entry.joinedAt) / 1000) : 0;
  queue.abandoned += 1;
  world.emit("QueueCallerAbandon", "agent,all", [
    ...channelHeaders(caller),
    ["Queue", queue.name],
    ["Position", String(position)],
    ["OriginalPosition", String(entry?.originalPosition ?? position)],
    ["HoldTime", String(holdTime)],
  ]);
  leaveQueue(world, caller, queue);
  if (firstChanged) emitEndpoint(world, first?.endpoint ?? null, "EQ");
  softHangupRequest(world, caller, 16);
  for (const leg of rest) hangup(world, leg, 0);
  caller.exten = "h";
  hangup(world, caller, 0);
  const changed = [...rest, caller].filter((ch) => refreshEndpoint(world, ch.endpoint));
  for (const order of ["D", "Q", "E"]) for (const ch of changed) emitEndpoint(world, ch.endpoint, order);
  if (legs.length === 0) emitCdr(world, caller, null);
  for (const leg of legs) emitCdr(world, caller, { channel: leg.name, answered: false });
}

/**
 * The caller leaves without abandoning (a panel Redirect): legs cancelled, MOH stopped,
 * QueueCallerLeave. The channel stays up for wherever it goes next.
 */
export function pullFromQueue(world: SimWorld, caller: SimChannel, queue: SimQueue): void {
  mohEvent(world, caller, false);
  const legs = cancelLegs(world, caller);
  for (const leg of legs) {
    hangup(world, leg, 0);
    syncEndpoint(world, leg.endpoint, "DQE");
  }
  leaveQueue(world, caller, queue);
}

/** AgentComplete, and the member's and queue's counters as QueueStatus will report them. */
export function agentComplete(
  world: SimWorld,
  caller: SimChannel,
  leg: SimChannel,
  reason: "caller" | "agent" | "transfer",
): void {
  const call = caller.queueCall;
  if (!call) return;
  const queue = world.queues.get(call.queue);
  const member = queue?.members.get(call.interface);
  const talkTime = Math.round((world.now() - call.connectedAt) / 1000);
  if (queue) {
    queue.completed += 1;
    queue.talkTime = Math.round((queue.talkTime * 3 + talkTime) / 4);
  }
  if (member) {
    member.callsTaken += 1;
    member.lastCall = Math.floor(world.now() / 1000);
    member.inCall = false;
  }
  world.emit("AgentComplete", "agent,all", [
    ...channelHeaders(caller),
    ...channelHeaders(leg, "Dest"),
    ...agentOf(caller),
    ["HoldTime", String(call.holdTime)],
    ["TalkTime", String(talkTime)],
    ["Reason", reason],
  ]);
  caller.queueCall = null;
}

function cancelLegs(world: SimWorld, caller: SimChannel): SimChannel[] {
  const legs = caller.dialing.flatMap((id) => world.channels.get(id) ?? []);
  for (const leg of legs) {
    dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "CANCEL"]]);
    dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "CANCEL"]]);
    leg.dying = true;
  }
  caller.dialing = [];
  return legs;
}

/** Removes the entry, updates Queue:<name>, emits QueueCallerLeave. */
function leaveQueue(
  world: SimWorld,
  caller: SimChannel,
  queue: SimQueue,
): { position: number; holdTime: number } {
  const index = queue.entries.findIndex((e) => e.uniqueid === caller.uniqueid);
  const entry = queue.entries[index];
  if (index >= 0) queue.entries.splice(index, 1);
  if (queue.entries.length === 0 && setDevice(world, `Queue:${queue.name}`, "NOT_INUSE")) {
    emitDeviceState(world, `Queue:${queue.name}`);
  }
  world.emit("QueueCallerLeave", "agent,all", [
    ...channelHeaders(caller),
    ["Queue", queue.name],
    ["Position", String(index + 1)],
    ["Count", String(queue.entries.length)],
  ]);
  return { position: index + 1, holdTime: entry ? Math.round((world.now() - entry.joinedAt) / 1000) : 0 };
}

function memberOf(queue: SimQueue, leg: SimChannel): SimMember | undefined {
  return queue.members.get(`PJSIP/${leg.endpoint}`);
}

function agent(member: SimMember): WireHeaders {
  return [
    ["Queue", member.queue],
    ["Interface", member.interface],
    ["MemberName", member.name],
  ];
}

function agentOf(caller: SimChannel): WireHeaders {
  const call = caller.queueCall;
  return [
    ["Queue", call?.queue ?? ""],
    ["Interface", call?.interface ?? ""],
    ["MemberName", call?.memberName ?? ""],
  ];
}
