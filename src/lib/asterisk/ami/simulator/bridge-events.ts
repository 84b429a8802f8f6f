import type { SimWorld } from "./sim-world";
import { bridgeHeaders, cdrTime, channelHeaders } from "./wire-format";
import type { SimBridge, SimChannel } from "./world-types";

const BRIDGE_KINDS = {
  basic: { technology: "simple_bridge", creator: "<unknown>" },
  parking: { technology: "holding_bridge", creator: "Parking" },
  base: { technology: "softmix", creator: "ConfBridge" },
} as const;

/** BridgeCreate. Two-party calls are basic/simple_bridge; parking holding_bridge; ConfBridge base/softmix. */
export function createBridge(world: SimWorld, type: SimBridge["type"], name = "<unknown>"): SimBridge {
  const kind = BRIDGE_KINDS[type];
  const bridge: SimBridge = {
    id: world.prng.uuid(),
    type,
    technology: kind.technology,
    creator: kind.creator,
    name,
    channels: [],
    hiddenChannels: 0,
    createdAt: world.now(),
  };
  world.bridges.set(bridge.id, bridge);
  world.emit("BridgeCreate", "call,all", bridgeHeaders(bridge));
  return bridge;
}

export function enterBridge(world: SimWorld, bridge: SimBridge, ch: SimChannel): void {
  bridge.channels.push(ch.uniqueid);
  ch.bridgeId = bridge.id;
  world.emit("BridgeEnter", "call,all", [...bridgeHeaders(bridge), ...channelHeaders(ch)]);
}

export function leaveBridge(world: SimWorld, bridge: SimBridge, ch: SimChannel): void {
  bridge.channels = bridge.channels.filter((id) => id !== ch.uniqueid);
  ch.bridgeId = null;
  world.emit("BridgeLeave", "call,all", [...bridgeHeaders(bridge), ...channelHeaders(ch)]);
}

export function destroyBridge(world: SimWorld, bridge: SimBridge): void {
  world.bridges.delete(bridge.id);
  world.emit("BridgeDestroy", "call,all", bridgeHeaders(bridge));
}

/** The channels in a bridge, in entry order. */
export function bridgeMembers(world: SimWorld, bridge: SimBridge): SimChannel[] {
  return bridge.channels.flatMap((id) => world.channels.get(id) ?? []);
}

/**
 * One `Cdr` event (cdr_manager; with `cdrFields: "switchboard"` also the LinkedID/Sequence
 * mappings) for the A leg `ch`: `dest` is the leg it reached (or tried), and `answered` tells
 * ANSWERED from NO ANSWER.
 */
export function emitCdr(
  world: SimWorld,
  ch: SimChannel,
  dest: { channel: string; answered: boolean } | null,
): void {
  const end = world.now();
  const start = ch.createdAt;
  const answeredAt = dest === null || dest.answered ? ch.answeredAt : null;
  const duration = Math.round((end - start) / 1000);
  const billable = answeredAt === null ? 0 : Math.round((end - answeredAt) / 1000);
  world.emit("Cdr", "cdr,all", [
    ["AccountCode", ""],
    ["Source", ch.callerIdNum],
    ["Destination", ch.cdr?.destination ?? ch.exten],
    ["DestinationContext", ch.cdr?.destinationContext ?? ch.context],
    ["CallerID", `"${ch.callerIdName}" <${ch.callerIdNum}>`],
    ["Channel", ch.name],
    ["DestinationChannel", dest?.channel ?? ""],
    ["LastApplication", ch.application],
    ["LastData", ch.applicationData],
    ["StartTime", cdrTime(start)],
    ["AnswerTime", cdrTime(answeredAt)],
    ["EndTime", cdrTime(end)],
    ["Duration", String(duration)],
    ["BillableSeconds", String(billable)],
    ["Disposition", answeredAt === null ? "NO ANSWER" : "ANSWERED"],
    ["AMAFlags", "DOCUMENTATION"],
    ["UniqueID", ch.uniqueid],
    ["UserField", ""],
    ...(world.options.cdrFields === "switchboard"
      ? ([
          ["LinkedID", ch.linkedid],
          ["Sequence", String(world.nextCdrSequence())],
        ] as [string, string][])
      : []),
  ]);
}
