import { createBridge, emitCdr, enterBridge, leaveBridge } from "./bridge-events";
import { hangup, hangupRequest, mohEvent, newChannel, setConnectedLine, setState } from "./channel-events";
import type { SimWorld } from "./sim-world";
import { channelHeaders, type WireHeaders } from "./wire-format";
import { emitDeviceState, emitExtensionStatus, setDevice, syncEndpoint } from "./world-devices";
import type { SimBridge, SimChannel, SimParkedCall } from "./world-types";

/**
 * Parking lot `default` as 12-park-unpark recorded it. Its holding bridge is created on first
 * use and outlives the parked calls (BridgeList keeps showing it with 0 channels).
 */

const LOT = "default";

export function freeSpace(world: SimWorld): string | undefined {
  const [first, last] = world.options.parkingSpaces;
  for (let space = first; space <= last; space++) if (!world.parked.has(String(space))) return String(space);
  return undefined;
}

export function parkedCallOf(world: SimWorld, ch: SimChannel): SimParkedCall | undefined {
  for (const call of world.parked.values()) if (call.uniqueid === ch.uniqueid) return call;
  return undefined;
}

/** Parks `ch` (leaving any basic bridge) in the first free space; returns the space or undefined when full. */
export function parkChannel(world: SimWorld, ch: SimChannel, parkerDialString: string): string | undefined {
  const space = freeSpace(world);
  if (!space) return undefined;
  const lotBridge = parkingBridge(world) ?? createBridge(world, "parking", LOT);
  const current = ch.bridgeId ? world.bridges.get(ch.bridgeId) : undefined;
  if (current) leaveBridge(world, current, ch);
  setSpaceDevice(world, space, "INUSE");
  const call: SimParkedCall = {
    lot: LOT,
    space,
    uniqueid: ch.uniqueid,
    parkerDialString,
    parkedAt: world.now(),
    timeoutS: world.options.parkingTimeoutS,
  };
  world.parked.set(space, call);
  world.emit("ParkedCall", "call,all", parkedHeaders(world, call, ch));
  enterBridge(world, lotBridge, ch);
  mohEvent(world, ch, true);
  return space;
}

/** A phone dials a parking space: its channel comes up (12: Newchannel, Newstate Up, device events). */
export function dialParkingSpace(
  world: SimWorld,
  retriever: string,
  space: string,
  owner: number,
): SimChannel {
  const ch = newChannel(world, { endpoint: retriever, state: "Ring", exten: space, owner });
  setState(world, ch, "Up");
  ch.application = "ParkedCall";
  ch.applicationData = `${LOT},${space}`;
  syncEndpoint(world, ch.endpoint, "DEQ");
  return ch;
}

/** The parked call is picked up by `retriever` (12: UnParkedCall, then both in a new basic bridge). */
export function unpark(world: SimWorld, space: string, retriever: SimChannel): SimBridge | undefined {
  const call = world.parked.get(space);
  const parkee = call ? world.channels.get(call.uniqueid) : undefined;
  if (!call || !parkee) return undefined;
  world.parked.delete(space);
  world.devices.set(`park:${space}@parkedcalls`, "NOT_INUSE");
  emitExtensionStatus(world, `park:${space}@parkedcalls`);
  const bridge = createBridge(world, "basic");
  mohEvent(world, parkee, false);
  emitDeviceState(world, `park:${space}@parkedcalls`);
  const headers = parkedHeaders(world, call, parkee);
  world.emit("UnParkedCall", "call,all", [
    ...headers.slice(0, -5),
    ...channelHeaders(retriever, "Retriever"),
    ...headers.slice(-5),
  ]);
  const lotBridge = parkingBridge(world);
  if (lotBridge) leaveBridge(world, lotBridge, parkee);
  enterBridge(world, bridge, parkee);
  retriever.linkedid = parkee.linkedid;
  enterBridge(world, bridge, retriever);
  setConnectedLine(world, retriever, parkee);
  setConnectedLine(world, parkee, retriever);
  return bridge;
}

/** The parked caller hangs up (ParkedCallGiveUp) or times out (ParkedCallTimeOut) and is hung up. */
export function endParkedCall(
  world: SimWorld,
  ch: SimChannel,
  how: "ParkedCallGiveUp" | "ParkedCallTimeOut",
): void {
  const call = parkedCallOf(world, ch);
  if (how === "ParkedCallGiveUp") hangupRequest(world, ch);
  if (call) {
    world.emit(how, "call,all", parkedHeaders(world, call, ch));
    releaseSpace(world, call);
  }
  mohEvent(world, ch, false);
  const lotBridge = parkingBridge(world);
  if (lotBridge && ch.bridgeId === lotBridge.id) leaveBridge(world, lotBridge, ch);
  if (ch.cdr) emitCdr(world, ch, null);
  hangup(world, ch, 16);
  syncEndpoint(world, ch.endpoint, "EDQ");
}

/**
 * Takes a parked channel out of the lot without a pickup (a panel Redirect moved it). res_parking
 * resolves a parked call that leaves any other way as abandoned: ParkedCallGiveUp.
 */
export function leaveParking(world: SimWorld, ch: SimChannel): void {
  const call = parkedCallOf(world, ch);
  if (call) {
    world.emit("ParkedCallGiveUp", "call,all", parkedHeaders(world, call, ch));
    releaseSpace(world, call);
  }
  mohEvent(world, ch, false);
  const lotBridge = parkingBridge(world);
  if (lotBridge && ch.bridgeId === lotBridge.id) leaveBridge(world, lotBridge, ch);
}

function releaseSpace(world: SimWorld, call: SimParkedCall) {
  world.parked.delete(call.space);
  setSpaceDevice(world, call.space, "NOT_INUSE");
}

function setSpaceDevice(world: SimWorld, space: string, state: "INUSE" | "NOT_INUSE") {
  const device = `park:${space}@parkedcalls`;
  if (!setDevice(world, device, state)) return;
  emitExtensionStatus(world, device);
  emitDeviceState(world, device);
}

function parkingBridge(world: SimWorld): SimBridge | undefined {
  for (const bridge of world.bridges.values())
    if (bridge.type === "parking" && bridge.name === LOT) return bridge;
  return undefined;
}

/** Parkee snapshot, then ParkerDialString, Parkinglot, ParkingSpace, ParkingTimeout, ParkingDuration. */
export function parkedHeaders(world: SimWorld, call: SimParkedCall, parkee: SimChannel): WireHeaders {
  const duration = Math.floor((world.now() - call.parkedAt) / 1000);
  return [
    ...channelHeaders(parkee, "Parkee"),
    ["ParkerDialString", call.parkerDialString],
    ["Parkinglot", call.lot],
    ["ParkingSpace", call.space],
    ["ParkingTimeout", String(Math.max(0, call.timeoutS - duration))],
    ["ParkingDuration", String(duration)],
  ];
}
