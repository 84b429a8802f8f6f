import type { SimWorld } from "./sim-world";
import { channelHeaders, type WireHeaders } from "./wire-format";
import type { ChannelState, SimChannel } from "./world-types";

/**
 * One function per channel event: each changes the channel in the world and emits the event
 * with the channel snapshot taken after the change, as Asterisk's stasis snapshots are.
 */

const CAUSE_TEXT: Record<number, string> = {
  0: "Unknown",
  16: "Normal Clearing",
  17: "User busy",
  19: "No answer",
  21: "Call Rejected",
  26: "Answered elsewhere",
};

export type NewChannelInit = {
  /** A phone (`1001`), the trunk, or for Local channels the `exten@context` resource. */
  endpoint: string;
  tech?: "PJSIP" | "Local";
  state: ChannelState;
  exten: string;
  owner: number;
  linkedid?: string;
  callerIdNum?: string;
  callerIdName?: string;
};

/** Creates a channel and emits Newchannel. A phone's caller ID defaults to the extension's. */
export function newChannel(world: SimWorld, init: NewChannelInit): SimChannel {
  const ext = world.extensions.get(init.endpoint);
  const tech = init.tech ?? "PJSIP";
  const ch = world.createChannel({
    tech,
    resource: init.endpoint,
    endpoint: tech === "PJSIP" ? init.endpoint : null,
    state: init.state,
    callerIdNum: init.callerIdNum ?? ext?.number ?? "",
    callerIdName: init.callerIdName ?? ext?.name ?? "",
    exten: init.exten,
    owner: init.owner,
    linkedid: init.linkedid,
  });
  world.emit("Newchannel", "call,all", channelHeaders(ch));
  return ch;
}

export function setState(world: SimWorld, ch: SimChannel, state: ChannelState): void {
  ch.state = state;
  if (state === "Up" && ch.answeredAt === null) ch.answeredAt = world.now();
  world.emit("Newstate", "call,all", channelHeaders(ch));
}

export function setConnectedLine(world: SimWorld, ch: SimChannel, other: SimChannel): void {
  ch.connectedLineNum = other.callerIdNum;
  ch.connectedLineName = other.callerIdName;
  world.emit("NewConnectedLine", "call,all", channelHeaders(ch));
}

export function setCallerId(world: SimWorld, ch: SimChannel, num: string, name: string): void {
  ch.callerIdNum = num;
  ch.callerIdName = name;
  world.emit("NewCallerid", "call,all", [
    ...channelHeaders(ch),
    ["CID-CallingPres", "0 (Presentation Allowed, Not Screened)"],
  ]);
}

/**
 * DialBegin/DialState/DialEnd: the dialing channel's snapshot (none for an Originate, whose
 * outgoing leg has no caller yet), the `Dest` snapshot, then `extra` (DialString or DialStatus).
 */
export function dialEvent(
  world: SimWorld,
  name: "DialBegin" | "DialState" | "DialEnd",
  caller: SimChannel | null,
  dest: SimChannel,
  extra: WireHeaders,
): void {
  world.emit(name, "call,all", [
    ...(caller ? channelHeaders(caller) : []),
    ...channelHeaders(dest, "Dest"),
    ...extra,
  ]);
}

/** HangupRequest; Asterisk adds `Cause` only when the request carried one. */
export function hangupRequest(world: SimWorld, ch: SimChannel, cause?: number): void {
  ch.dying = true;
  world.emit("HangupRequest", "call,all", [
    ...channelHeaders(ch),
    ...(cause === undefined ? [] : ([["Cause", String(cause)]] as WireHeaders)),
  ]);
}

export function softHangupRequest(world: SimWorld, ch: SimChannel, cause: number): void {
  ch.dying = true;
  world.emit("SoftHangupRequest", "call,all", [...channelHeaders(ch), ["Cause", String(cause)]]);
}

/** Emits Hangup and removes the channel; it must already have left its bridge. */
export function hangup(world: SimWorld, ch: SimChannel, cause: number): void {
  ch.dying = true;
  world.emit("Hangup", "call,all", [
    ...channelHeaders(ch),
    ["Cause", String(cause)],
    ["Cause-txt", CAUSE_TEXT[cause] ?? "Unknown"],
  ]);
  world.channels.delete(ch.uniqueid);
  if (ch.dialedBy) {
    const caller = world.channels.get(ch.dialedBy);
    if (caller) caller.dialing = caller.dialing.filter((id) => id !== ch.uniqueid);
  }
}

export function holdEvent(world: SimWorld, ch: SimChannel, on: boolean): void {
  ch.onHold = on;
  world.emit(
    on ? "Hold" : "Unhold",
    "call,all",
    on ? [...channelHeaders(ch), ["MusicClass", "default"]] : channelHeaders(ch),
  );
}

export function mohEvent(world: SimWorld, ch: SimChannel, on: boolean): void {
  world.emit(
    on ? "MusicOnHoldStart" : "MusicOnHoldStop",
    "call,all",
    on ? [...channelHeaders(ch), ["Class", "default"]] : channelHeaders(ch),
  );
}
