import { createBridge, destroyBridge, emitCdr, enterBridge, leaveBridge } from "./bridge-events";
import { hangup, hangupRequest, softHangupRequest } from "./channel-events";
import type { SimWorld } from "./sim-world";
import { bridgeHeaders, channelHeaders } from "./wire-format";
import { emitDeviceState, emitExtensionStatus, setDevice, syncEndpoint } from "./world-devices";
import type { SimBridge, SimChannel } from "./world-types";

/**
 * ConfBridge rooms as 15-conference recorded them: a `base`/softmix bridge named after the room,
 * whose announcer channel counts in BridgeNumChannels, ConfbridgeStart/Join/Leave/End, and the
 * `confbridge:<room>` hint going InUse and back to Idle.
 */

export function conferenceOf(world: SimWorld, ch: SimChannel) {
  for (const conf of world.conferences.values()) {
    if (conf.participants.some((p) => p.uniqueid === ch.uniqueid)) return conf;
  }
  return undefined;
}

/** `ch` (up) enters room `room`, starting the conference when it is the first. */
export function joinConference(world: SimWorld, ch: SimChannel, room: string): void {
  let conf = world.conferences.get(room);
  let bridge = conf ? world.bridges.get(conf.bridgeId) : undefined;
  if (!conf || !bridge) {
    bridge = createBridge(world, "base", room);
    bridge.hiddenChannels = 1;
    conf = { name: room, bridgeId: bridge.id, participants: [], locked: false };
    world.conferences.set(room, conf);
    world.emit("ConfbridgeStart", "call,all", [["Conference", room], ...bridgeHeaders(bridge)]);
    setHint(world, room, "INUSE");
  }
  ch.priority = 2;
  ch.application = "ConfBridge";
  ch.applicationData = room;
  enterBridge(world, bridge, ch);
  conf.participants.push({ uniqueid: ch.uniqueid, joinedAt: world.now() });
  world.emit("ConfbridgeJoin", "call,all", [
    ["Conference", room],
    ...bridgeHeaders(bridge),
    ...channelHeaders(ch),
    ["Admin", "No"],
    ["Muted", "No"],
  ]);
}

/** A participant hangs up (15's order), ending the conference when it was the last. */
export function hangupParticipant(world: SimWorld, ch: SimChannel): void {
  hangupRequest(world, ch);
  leaveConference(world, ch, () => emitCdr(world, ch, null));
  softHangupRequest(world, ch, 16);
  hangup(world, ch, 16);
  syncEndpoint(world, ch.endpoint, "DQE");
}

/** ConfbridgeLeave + BridgeLeave; the last one out also gets ConfbridgeEnd and BridgeDestroy. */
export function leaveConference(world: SimWorld, ch: SimChannel, afterLeave?: () => void): void {
  const conf = conferenceOf(world, ch);
  const bridge = conf ? world.bridges.get(conf.bridgeId) : undefined;
  if (!conf || !bridge) return;
  world.emit("ConfbridgeLeave", "call,all", [
    ["Conference", conf.name],
    ...bridgeHeaders(bridge),
    ...channelHeaders(ch),
    ["Admin", "No"],
  ]);
  afterLeave?.();
  leaveBridge(world, bridge, ch);
  conf.participants = conf.participants.filter((p) => p.uniqueid !== ch.uniqueid);
  if (conf.participants.length === 0) endConference(world, conf.name, bridge);
}

function endConference(world: SimWorld, room: string, bridge: SimBridge) {
  world.emit("ConfbridgeEnd", "call,all", [["Conference", room], ...bridgeHeaders(bridge)]);
  setHint(world, room, "NOT_INUSE");
  bridge.hiddenChannels = 0;
  destroyBridge(world, bridge);
  world.conferences.delete(room);
}

function setHint(world: SimWorld, room: string, state: "INUSE" | "NOT_INUSE") {
  const device = `confbridge:${room}`;
  if (!setDevice(world, device, state)) return;
  emitExtensionStatus(world, device);
  emitDeviceState(world, device);
}
