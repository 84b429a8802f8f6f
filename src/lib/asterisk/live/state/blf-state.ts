import { BlfState } from "../types";

/**
 * ExtensionStatus `Status` (a bitmask of AST_EXTENSION_*) → BlfState, as documented on BlfState.
 *
 * Bits: 1 INUSE, 2 BUSY, 4 UNAVAILABLE, 8 RINGING, 16 ONHOLD; -1 DEACTIVATED (removed) and
 * -2 REMOVED. Combined bits resolve by what an operator most needs to see: unavailable, then
 * ringing (9 = ring in use), then hold (17 = in use + hold), then busy, then in use. Anything that
 * isn't a number (an odd or empty header) is unavailable.
 */
export function blfFromExtensionStatus(status: string | number | undefined): BlfState {
  const bits = typeof status === "number" ? status : Number.parseInt(status ?? "", 10);
  if (!Number.isInteger(bits) || bits < 0) return BlfState.Unavailable;
  if (bits & 4) return BlfState.Unavailable;
  if (bits & 8) return BlfState.Ringing;
  if (bits & 16) return BlfState.OnHold;
  if (bits & 2) return BlfState.Busy;
  if (bits & 1) return BlfState.InUse;
  return BlfState.Idle;
}

/**
 * An ast_device_state, by name (DeviceStateChange `State`) or number (QueueMember `Status`),
 * → BlfState. UNKNOWN/0, INVALID/4 and anything unrecognised are unavailable.
 */
export function blfFromDeviceState(state: string | number | undefined): BlfState {
  if (state === undefined) return BlfState.Unavailable;
  const key = typeof state === "number" ? String(state) : state.trim().toUpperCase();
  return DEVICE_STATES[key] ?? BlfState.Unavailable;
}

const DEVICE_STATES: Readonly<Record<string, BlfState>> = Object.assign(Object.create(null), {
  NOT_INUSE: BlfState.Idle,
  "1": BlfState.Idle,
  INUSE: BlfState.InUse,
  "2": BlfState.InUse,
  BUSY: BlfState.Busy,
  "3": BlfState.Busy,
  INVALID: BlfState.Unavailable,
  "4": BlfState.Unavailable,
  UNAVAILABLE: BlfState.Unavailable,
  "5": BlfState.Unavailable,
  RINGING: BlfState.Ringing,
  "6": BlfState.Ringing,
  RINGINUSE: BlfState.Ringing,
  "7": BlfState.Ringing,
  ONHOLD: BlfState.OnHold,
  "8": BlfState.OnHold,
  UNKNOWN: BlfState.Unavailable,
  "0": BlfState.Unavailable,
});
