import { destroyBridge, emitCdr, leaveBridge } from "./bridge-events";
import { bridgedPeer } from "./call-legs";
import { dialEvent, hangup, holdEvent } from "./channel-events";
import { conferenceOf, leaveConference } from "./conference";
import { leaveParking, parkedCallOf } from "./parking";
import { agentComplete, pullFromQueue, waitingQueue } from "./queue-calls";
import type { SimWorld } from "./sim-world";
import { hangupChannel, stopSpying } from "./teardown";
import { bridgeHeaders, channelHeaders } from "./wire-format";
import { syncEndpoint } from "./world-devices";
import type { SimChannel } from "./world-types";

/**
 * Moving a live channel somewhere else, as the panel's Redirect and BlindTransfer do. Neither
 * says where the channel ends up (flow-steps.ts routeSteps does); these take it out of where it
 * is now and end what cannot go on without it.
 */

/**
 * AMI BlindTransfer (10): Unhold on the transferer, BlindTransfer with IsExternal, both leave
 * the bridge, the transferer hangs up. Returns the transferee, or undefined when the channel is
 * not in a two-party call (Asterisk answers "Transfer invalid").
 */
export function blindTransfer(
  world: SimWorld,
  transferer: SimChannel,
  exten: string,
  context: string,
): SimChannel | undefined {
  const bridge = transferer.bridgeId ? world.bridges.get(transferer.bridgeId) : undefined;
  const transferee = bridgedPeer(world, transferer);
  if (!bridge || !transferee) return undefined;
  holdEvent(world, transferer, false);
  world.emit("BlindTransfer", "call,all", [
    ["Result", "Success"],
    ...channelHeaders(transferer, "Transferer"),
    ...channelHeaders(transferee, "Transferee"),
    ...bridgeHeaders(bridge),
    ["IsExternal", "Yes"],
    ["Context", context],
    ["Extension", exten],
  ]);
  endQueueCallFor(world, transferer, transferee);
  leaveBridge(world, bridge, transferer);
  transferee.exten = exten;
  transferee.context = context;
  transferee.priority = 1;
  leaveBridge(world, bridge, transferee);
  transferer.dying = true;
  hangup(world, transferer, 16);
  destroyBridge(world, bridge);
  syncEndpoint(world, transferer.endpoint, "EDQ");
  return transferee;
}

/**
 * Takes `ch` out of wherever it is so it can run dialplan elsewhere (Redirect, 10): the other
 * party of a two-party call hangs up, a queue caller leaves its queue, a parked call leaves the
 * lot, a conference participant leaves the room, legs it was ringing are cancelled. A peer in
 * `keep` (the other channel of a dual Redirect) leaves the bridge but stays up.
 */
export function detachChannel(
  world: SimWorld,
  ch: SimChannel,
  keep: ReadonlySet<SimChannel> = new Set(),
): void {
  const bridge = ch.bridgeId ? world.bridges.get(ch.bridgeId) : undefined;
  if (bridge?.type === "parking" || parkedCallOf(world, ch)) {
    leaveParking(world, ch);
    return;
  }
  if (bridge?.type === "base" || conferenceOf(world, ch)) {
    leaveConference(world, ch);
    return;
  }
  if (bridge) {
    const peer = bridgedPeer(world, ch);
    if (peer) endQueueCallFor(world, ch, peer);
    leaveBridge(world, bridge, ch);
    if (peer) leaveBridge(world, bridge, peer);
    if (bridge.channels.length === 0) destroyBridge(world, bridge);
    // A dual Redirect moves both parties; otherwise the one left behind hangs up (10).
    if (peer && !keep.has(peer)) {
      peer.dying = true;
      const aLeg = ch.cdr ? ch : peer;
      if (aLeg.cdr) emitCdr(world, aLeg, { channel: (aLeg === ch ? peer : ch).name, answered: true });
      hangup(world, peer, 16);
      syncEndpoint(world, peer.endpoint, "EDQ");
    }
    return;
  }
  stopActivity(world, ch);
}

/**
 * Ends what a channel outside any bridge is doing so it can go elsewhere: waiting in a queue
 * (QueueCallerLeave), dialing (its legs are cancelled), ringing for someone else's Dial (that
 * dialer sees DialEnd and, with nothing else ringing, gives up), spying (ChanSpyStop).
 */
export function stopActivity(world: SimWorld, ch: SimChannel): void {
  const queue = waitingQueue(world, ch);
  if (queue) pullFromQueue(world, ch, queue);
  for (const leg of ch.dialing.flatMap((id) => world.channels.get(id) ?? [])) {
    dialEvent(world, "DialEnd", ch, leg, [["DialStatus", "CANCEL"]]);
    hangup(world, leg, 0);
    syncEndpoint(world, leg.endpoint, "DQE");
  }
  ch.dialing = [];
  const dialer = ch.dialedBy ? world.channels.get(ch.dialedBy) : undefined;
  ch.dialedBy = null;
  if (dialer?.dialing.includes(ch.uniqueid)) {
    dialEvent(world, "DialEnd", dialer, ch, [["DialStatus", "CANCEL"]]);
    dialer.dialing = dialer.dialing.filter((id) => id !== ch.uniqueid);
    if (dialer.dialing.length === 0 && !waitingQueue(world, dialer)) hangupChannel(world, dialer, 16);
  }
  if (ch.spying) {
    stopSpying(world, ch);
    ch.spying = null;
  }
}

/** A transfer or redirect out of a connected queue call ends it with AgentComplete `transfer`. */
function endQueueCallFor(world: SimWorld, a: SimChannel, b: SimChannel) {
  const caller = a.queueCall ? a : b.queueCall ? b : undefined;
  if (caller) agentComplete(world, caller, caller === a ? b : a, "transfer");
}
