import type { SimWorld } from "./sim-world";
import type { WireHeaders } from "./wire-format";
import type { DeviceState, SimChannel, SimMember } from "./world-types";

/** ast_device_state numbers, as QueueMember/QueueMemberStatus `Status` carries them. */
export const DEVICE_STATE_CODES: Record<DeviceState, number> = {
  UNKNOWN: 0,
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
};

/** ExtensionStatus `Status`/`StatusText` for a hint whose device is in `state`. */
export function extensionStatusOf(state: DeviceState | undefined): [number, string] {
  switch (state) {
    case "NOT_INUSE":
      return [0, "Idle"];
    case "INUSE":
      return [1, "InUse"];
    case "BUSY":
      return [2, "Busy"];
    case "RINGING":
      return [8, "Ringing"];
    case "RINGINUSE":
      return [9, "InUse&Ringing"];
    case "ONHOLD":
      return [16, "Hold"];
    default:
      return [4, "Unavailable"];
  }
}

/**
 * What an endpoint's device state should be now. `recorded` mode reproduces the golden
 * transcripts (any channel makes the phone BUSY, ringing included); `pjsip` aggregates the
 * channels the way chan_pjsip does without device_state_busy_at.
 */
export function endpointState(world: SimWorld, endpoint: string): DeviceState {
  const ext = world.extensions.get(endpoint);
  if (ext && !ext.registered) return "UNAVAILABLE";
  const channels = world.channelsOf(endpoint);
  if (channels.length === 0) return "NOT_INUSE";
  if (!ext) return "INUSE";
  if (world.options.deviceStates === "recorded") return "BUSY";
  return aggregate(channels);
}

/** Recomputes PJSIP/<endpoint>; returns whether it changed (events are up to the caller). */
export function refreshEndpoint(world: SimWorld, endpoint: string | null): boolean {
  if (endpoint === null) return false;
  return setDevice(world, `PJSIP/${endpoint}`, endpointState(world, endpoint));
}

export function setDevice(world: SimWorld, device: string, state: DeviceState): boolean {
  if (world.devices.get(device) === state) return false;
  world.devices.set(device, state);
  return true;
}

export function emitDeviceState(world: SimWorld, device: string): void {
  world.emit("DeviceStateChange", "call,all", [
    ["Device", device],
    ["State", world.devices.get(device) ?? "UNKNOWN"],
  ]);
}

/** ExtensionStatus for every hint on `device` (phones have one each). */
export function emitExtensionStatus(world: SimWorld, device: string): void {
  const [status, text] = extensionStatusOf(world.devices.get(device));
  for (const hint of world.hints) {
    if (hint.hint !== device) continue;
    world.emit("ExtensionStatus", "call,all", [
      ["Exten", hint.exten],
      ["Context", hint.context],
      ["Hint", hint.hint],
      ["Status", String(status)],
      ["StatusText", text],
    ]);
  }
}

/** QueueMemberStatus for each queue the device is a member of. */
export function emitMemberStatus(world: SimWorld, device: string): void {
  for (const member of world.membershipsOf(device)) {
    world.emit("QueueMemberStatus", "agent,all", memberHeaders(world, member, "event"));
  }
}

/**
 * Recomputes a phone and, when it changed, emits its events in `order`: E = ExtensionStatus,
 * D = DeviceStateChange, Q = QueueMemberStatus. Asterisk raises them from different threads, so
 * the recordings show several orders; scenarios pass the one their transcript has.
 */
export function syncEndpoint(world: SimWorld, endpoint: string | null, order = "EDQ"): boolean {
  if (endpoint === null || !refreshEndpoint(world, endpoint)) return false;
  emitEndpoint(world, endpoint, order);
  return true;
}

/** Emits an endpoint's state events in `order` without recomputing it. */
export function emitEndpoint(world: SimWorld, endpoint: string | null, order: string): void {
  if (endpoint === null) return;
  const device = `PJSIP/${endpoint}`;
  for (const part of order) {
    if (part === "E") emitExtensionStatus(world, device);
    else if (part === "D") emitDeviceState(world, device);
    else if (part === "Q") emitMemberStatus(world, device);
  }
}

/**
 * A member block. Live events (QueueMemberStatus/Added/Removed/Pause/Penalty) say
 * `MemberName`/`Interface` and carry `Ringinuse`; QueueStatus items say `Name`/`Location` and
 * do not (the caller appends ActionID last, as Asterisk does).
 */
export function memberHeaders(world: SimWorld, member: SimMember, variant: "event" | "list"): WireHeaders {
  const status = DEVICE_STATE_CODES[world.devices.get(member.stateInterface) ?? "UNKNOWN"];
  const live = variant === "event";
  const headers: WireHeaders = [
    ["Queue", member.queue],
    [live ? "MemberName" : "Name", member.name],
    [live ? "Interface" : "Location", member.interface],
    ["StateInterface", member.stateInterface],
    ["Membership", member.membership],
    ["Penalty", String(member.penalty)],
    ["CallsTaken", String(member.callsTaken)],
    ["LastCall", String(member.lastCall)],
    ["LastPause", String(member.lastPause)],
    ["LoginTime", String(member.loginTime)],
    ["InCall", member.inCall ? "1" : "0"],
    ["Status", String(status)],
    ["Paused", member.paused ? "1" : "0"],
    ["PausedReason", member.pausedReason],
  ];
  if (live) headers.push(["Ringinuse", member.ringinuse ? "1" : "0"]);
  headers.push(["Wrapuptime", String(member.wrapuptime)]);
  return headers;
}

/** ast_devstate_aggregate over chan_pjsip's per-channel states. */
function aggregate(channels: SimChannel[]): DeviceState {
  let ringing = false;
  let inuse = false;
  let busy = false;
  let onhold = false;
  for (const ch of channels) {
    if (ch.onHold) onhold = true;
    else if (ch.state === "Ringing") ringing = true;
    else if (ch.state === "Busy") busy = true;
    else if (ch.state !== "Down") inuse = true;
  }
  if (ringing && (inuse || busy || onhold)) return "RINGINUSE";
  if (ringing) return "RINGING";
  if (busy) return "BUSY";
  if (inuse) return "INUSE";
  if (onhold) return "ONHOLD";
  return "NOT_INUSE";
}
