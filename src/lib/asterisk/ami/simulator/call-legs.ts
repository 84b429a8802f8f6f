import { createBridge, enterBridge } from "./bridge-events";
import { dialEvent, hangup, newChannel, setConnectedLine, setState } from "./channel-events";
import type { SimWorld } from "./sim-world";
import { emitEndpoint, refreshEndpoint, syncEndpoint } from "./world-devices";
import type { SimBridge, SimChannel } from "./world-types";

/**
 * The building blocks of a two-party call, in the order Asterisk 22 emitted them in
 * 03-basic-call-answered: a caller's Dial() ringing one phone, the answer, the bridge.
 */

/** A phone or trunk starts a call (Newchannel in state Ring), dialing `exten`. */
export function originateFrom(world: SimWorld, from: string, exten: string, owner: number): SimChannel {
  if (world.isExtension(from)) return newChannel(world, { endpoint: from, state: "Ring", exten, owner });
  return newChannel(world, {
    endpoint: world.options.trunk,
    state: "Ring",
    exten,
    owner,
    callerIdNum: from,
    callerIdName: from,
  });
}

/**
 * `caller` runs Dial(PJSIP/<target>): the target's leg is created and rings. Device events
 * follow 03's order; the caller's own state events come only when its device changed (a fresh
 * call), not when an already-talking channel dials on after a transfer.
 */
export function ringExtension(
  world: SimWorld,
  caller: SimChannel,
  target: string,
  owner: number,
): SimChannel {
  caller.priority = 2;
  caller.application = "Dial";
  caller.applicationData = `PJSIP/${target},30,tT`;
  caller.cdr = {
    destination: target,
    destinationContext: caller.context,
    unanswered: [],
    answeredChannel: "",
  };
  const callee = newChannel(world, {
    endpoint: target,
    state: "Down",
    exten: "s",
    owner,
    linkedid: caller.linkedid,
  });
  callee.application = "AppDial";
  callee.applicationData = "(Outgoing Line)";
  callee.dialedBy = caller.uniqueid;
  caller.dialing.push(callee.uniqueid);
  callee.exten = target;
  setConnectedLine(world, callee, caller);
  setState(world, callee, "Ringing");
  dialEvent(world, "DialBegin", caller, callee, [["DialString", target]]);
  const calleeChanged = refreshEndpoint(world, target);
  if (calleeChanged) emitEndpoint(world, target, "ED");
  setConnectedLine(world, caller, callee);
  dialEvent(world, "DialState", caller, callee, [["DialStatus", "RINGING"]]);
  const callerChanged = refreshEndpoint(world, caller.endpoint);
  if (callerChanged) emitEndpoint(world, caller.endpoint, "D");
  if (calleeChanged) emitEndpoint(world, target, "Q");
  if (callerChanged) emitEndpoint(world, caller.endpoint, "QE");
  return callee;
}

/** The dialed leg answers: Newstate Up, DialEnd ANSWER, the caller goes Up, a basic bridge joins them. */
export function answerDial(world: SimWorld, caller: SimChannel, callee: SimChannel): SimBridge {
  setState(world, callee, "Up");
  callee.exten = "";
  dialEvent(world, "DialEnd", caller, callee, [["DialStatus", "ANSWER"]]);
  cancelOtherLegs(world, caller, callee);
  callee.dialedBy = null;
  if (caller.state !== "Up") setState(world, caller, "Up");
  if (caller.cdr) caller.cdr.answeredChannel = callee.name;
  const bridge = createBridge(world, "basic");
  enterBridge(world, bridge, callee);
  enterBridge(world, bridge, caller);
  // In `pjsip` device mode ringing turns into in-use here; in `recorded` mode nothing changes.
  syncEndpoint(world, callee.endpoint);
  syncEndpoint(world, caller.endpoint);
  return bridge;
}

/** Other legs the caller was still ringing lose the race: DialEnd CANCEL, Hangup 26. */
export function cancelOtherLegs(world: SimWorld, caller: SimChannel, winner: SimChannel): void {
  for (const id of caller.dialing) {
    const leg = world.channels.get(id);
    if (!leg || leg === winner) continue;
    dialEvent(world, "DialEnd", caller, leg, [["DialStatus", "CANCEL"]]);
    hangup(world, leg, 26);
    syncEndpoint(world, leg.endpoint, "DQE");
    caller.cdr?.unanswered.push(leg.name);
  }
  caller.dialing = [];
}

/** The channel's other party in a two-party basic bridge, if that is where it is. */
export function bridgedPeer(world: SimWorld, ch: SimChannel): SimChannel | undefined {
  const bridge = ch.bridgeId ? world.bridges.get(ch.bridgeId) : undefined;
  if (bridge?.type !== "basic") return undefined;
  const others = bridge.channels.filter((id) => id !== ch.uniqueid);
  return others.length === 1 ? world.channels.get(others[0] as string) : undefined;
}

/** Registered phones with no live channel: who can be called or can call right now. */
export function idleExtensions(world: SimWorld): string[] {
  const busy = new Set<string>();
  for (const ch of world.channels.values()) if (ch.endpoint) busy.add(ch.endpoint);
  return [...world.extensions.values()]
    .filter((ext) => ext.registered && !busy.has(ext.number))
    .map((ext) => ext.number);
}
