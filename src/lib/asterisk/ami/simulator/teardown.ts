import { destroyBridge, emitCdr, leaveBridge } from "./bridge-events";
import { bridgedPeer } from "./call-legs";
import { dialEvent, hangup, hangupRequest, softHangupRequest } from "./channel-events";
import { conferenceOf, hangupParticipant } from "./conference";
import { endParkedCall } from "./parking";
import { abandonQueue, agentComplete, waitingQueue } from "./queue-calls";
import type { SimWorld } from "./sim-world";
import { channelHeaders } from "./wire-format";
import { emitEndpoint, refreshEndpoint, syncEndpoint } from "./world-devices";
import type { SimBridge, SimChannel } from "./world-types";

/**
 * Hangs up `ch` wherever it is, and whatever Asterisk would end with it: the other party of a
 * two-party bridge, the legs it was dialing, spies listening to it. This is what a panel Hangup,
 * a caller giving up and every scenario's end go through, so each situation has one order:
 * 03-basic-call-answered for two-party calls, 06 for queue calls, 07 for queue abandons,
 * 12 for parking, 13 for spies, 15 for conferences.
 */
export function hangupChannel(world: SimWorld, ch: SimChannel, cause = 16): void {
  if (!world.channels.has(ch.uniqueid)) return;
  const bridge = ch.bridgeId ? world.bridges.get(ch.bridgeId) : undefined;
  const peer = bridge?.type === "basic" ? bridgedPeer(world, ch) : undefined;
  const queue = bridge ? undefined : waitingQueue(world, ch);
  if (bridge?.type === "parking") endParkedCall(world, ch, "ParkedCallGiveUp");
  else if (bridge?.type === "base" || conferenceOf(world, ch)) hangupParticipant(world, ch);
  else if (bridge && peer && (peer.queueCall || ch.queueCall)) endQueueCall(world, ch, peer, bridge);
  else if (bridge && peer) endTwoParty(world, ch, peer, bridge, cause);
  else if (bridge) leaveAndHangup(world, ch, bridge, cause);
  else if (queue) abandonQueue(world, ch, queue);
  else if (ch.dialing.length > 0) cancelDial(world, ch, cause);
  else if (ch.dialedBy) dropLeg(world, ch);
  else hangupAlone(world, ch, cause);
}

/** 03: HangupRequest, both BridgeLeave, BridgeDestroy, SoftHangupRequest, states, Cdr, both Hangup. */
function endTwoParty(world: SimWorld, first: SimChannel, peer: SimChannel, bridge: SimBridge, cause: number) {
  hangupRequest(world, first, cause);
  releaseSpies(world, first);
  releaseSpies(world, peer);
  leaveBridge(world, bridge, first);
  leaveBridge(world, bridge, peer);
  destroyBridge(world, bridge);
  softHangupRequest(world, first, cause);
  peer.dying = true;
  const peerChanged = refreshEndpoint(world, peer.endpoint);
  const firstChanged = refreshEndpoint(world, first.endpoint);
  if (peerChanged) emitEndpoint(world, peer.endpoint, "E");
  if (firstChanged) emitEndpoint(world, first.endpoint, "E");
  const aLeg = peer.cdr && !first.cdr ? peer : first;
  emitCdr(world, aLeg, { channel: (aLeg === first ? peer : first).name, answered: true });
  if (aLeg.application === "Dial") aLeg.exten = "h";
  hangup(world, peer, cause);
  hangup(world, first, cause);
  for (const order of ["D", "Q"]) {
    if (peerChanged) emitEndpoint(world, peer.endpoint, order);
    if (firstChanged) emitEndpoint(world, first.endpoint, order);
  }
}

/** 06: the agent's ExtensionStatus, AgentComplete, bridge torn down, Cdr, then each Hangup. */
function endQueueCall(world: SimWorld, first: SimChannel, peer: SimChannel, bridge: SimBridge) {
  const caller = first.queueCall ? first : peer;
  const agent = caller === first ? peer : first;
  hangupRequest(world, first);
  releaseSpies(world, first);
  releaseSpies(world, peer);
  peer.dying = true;
  const agentChanged = refreshEndpoint(world, agent.endpoint);
  const callerChanged = refreshEndpoint(world, caller.endpoint);
  if (agentChanged) emitEndpoint(world, agent.endpoint, "E");
  agentComplete(world, caller, agent, first === caller ? "caller" : "agent");
  leaveBridge(world, bridge, first);
  leaveBridge(world, bridge, peer);
  destroyBridge(world, bridge);
  emitCdr(world, caller, { channel: agent.name, answered: true });
  softHangupRequest(world, first, 16);
  hangup(world, agent, 16);
  if (agentChanged) emitEndpoint(world, agent.endpoint, "DQ");
  caller.exten = "h";
  hangup(world, caller, 16);
  for (const name of caller.cdr?.unanswered ?? []) emitCdr(world, caller, { channel: name, answered: false });
  if (callerChanged) emitEndpoint(world, caller.endpoint, "EQD");
}

/** Alone in a basic bridge (the parker after a Park, 12): BridgeLeave, BridgeDestroy, Hangup. */
function leaveAndHangup(world: SimWorld, ch: SimChannel, bridge: SimBridge, cause: number) {
  ch.dying = true;
  releaseSpies(world, ch);
  leaveBridge(world, bridge, ch);
  if (bridge.channels.length === 0 && bridge.type === "basic") destroyBridge(world, bridge);
  if (ch.cdr) emitCdr(world, ch, null);
  hangup(world, ch, cause);
  syncEndpoint(world, ch.endpoint, "DQE");
}

/** The caller gives up while its Dial still rings: DialEnd CANCEL, the legs hang up, Cdr NO ANSWER. */
function cancelDial(world: SimWorld, caller: SimChannel, cause: number) {
  hangupRequest(world, caller, cause);
  const legs = caller.dialing.flatMap((id) => world.channels.get(id) ?? []);
  for (const leg of legs) {
    dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "CANCEL"]]);
    hangup(world, leg, 0);
  }
  caller.dialing = [];
  softHangupRequest(world, caller, cause);
  const changed = [...legs, caller].filter((ch) => refreshEndpoint(world, ch.endpoint));
  for (const ch of changed) emitEndpoint(world, ch.endpoint, "E");
  emitCdr(world, caller, legs[0] ? { channel: legs[0].name, answered: false } : null);
  caller.exten = "h";
  hangup(world, caller, cause);
  for (const order of ["D", "Q"]) for (const ch of changed) emitEndpoint(world, ch.endpoint, order);
}

/**
 * A ringing leg goes away (its phone declined, or a panel Hangup): the dialer sees DialEnd. A
 * queue caller keeps waiting; a Dial() caller with nothing left ringing hangs up too.
 */
function dropLeg(world: SimWorld, leg: SimChannel) {
  const dialer = leg.dialedBy ? world.channels.get(leg.dialedBy) : undefined;
  const caller = dialer?.dialing.includes(leg.uniqueid) ? dialer : undefined;
  hangupRequest(world, leg);
  if (caller) dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "BUSY"]]);
  hangup(world, leg, 17);
  syncEndpoint(world, leg.endpoint, "DQE");
  if (caller && !waitingQueue(world, caller) && caller.dialing.length === 0) hangupAlone(world, caller, 17);
}

/** A channel on its own (an originated leg, a spy, a caller whose Dial ended): Cdr and Hangup. */
export function hangupAlone(world: SimWorld, ch: SimChannel, cause: number) {
  hangupRequest(world, ch);
  stopSpying(world, ch);
  releaseSpies(world, ch);
  emitCdr(world, ch, null);
  // ChanSpy legs end with Cause 0 in 13, whoever hangs them up.
  hangup(world, ch, ch.spying === null ? cause : 0);
  syncEndpoint(world, ch.endpoint, "EQD");
}

/** ChanSpyStart when a spy leg latches on to its target (13). */
export function startSpying(world: SimWorld, spyer: SimChannel, spyee: SimChannel): void {
  spyer.spying = spyee.uniqueid;
  world.emit("ChanSpyStart", "call,all", [
    ...channelHeaders(spyer, "Spyer"),
    ...channelHeaders(spyee, "Spyee"),
  ]);
}

/** ChanSpyStop for a spy leg that is going away or being moved. */
export function stopSpying(world: SimWorld, spyer: SimChannel): void {
  const spyee = spyer.spying ? world.channels.get(spyer.spying) : undefined;
  if (!spyee) return;
  world.emit("ChanSpyStop", "call,all", [
    ...channelHeaders(spyer, "Spyer"),
    ...channelHeaders(spyee, "Spyee"),
  ]);
}

/** The spied-on channel ends: every spy on it stops and hangs up (ChanSpy's `E` behaviour). */
function releaseSpies(world: SimWorld, spyee: SimChannel) {
  for (const spy of [...world.channels.values()]) {
    if (spy.spying !== spyee.uniqueid || spy.dying) continue;
    hangupAlone(world, spy, 0);
  }
}
