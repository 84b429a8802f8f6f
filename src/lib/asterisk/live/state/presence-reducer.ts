import { BlfState, type LiveExtension } from "../types";
import type { Fields } from "./ami-fields";
import { blfFromDeviceState, blfFromExtensionStatus } from "./blf-state";
import type { LiveModel, Reducer } from "./live-model";

/**
 * Hints (`extensions`, keyed `exten@context`) and devices (`devices`, keyed by device name).
 *
 * - `ExtensionStatus` → upsert the hint with `blfFromExtensionStatus(Status)`; `since` moves only
 *   when the BLF state changes. During boot Asterisk sends `Hint:` empty (recorded in 18): the
 *   hint already known is kept rather than blanked.
 * - `DeviceStateChange` → upsert the device with `blfFromDeviceState(State)`.
 * - DND (setDnd) is the app's presence, not Asterisk's: while on, the hint shows `dnd` whatever
 *   Asterisk says, and the state Asterisk reported comes back when it goes off.
 *
 * Devices of Local channels (`Local/601@from-internal`) and ConfBridge announcers (`CBAnn/800`)
 * are skipped: Asterisk marks them not cachable, so DeviceStateList never lists them and a
 * rebuilt state could never agree; a BLF needs neither.
 */
export const presenceReducers: Record<string, Reducer> = {
  ExtensionStatus(model, f, at) {
    applyExtensionStatus(model, f, at);
  },
  DeviceStateChange(model, f, at) {
    applyDeviceState(model, f, at);
  },
};

export function applyExtensionStatus(model: LiveModel, f: Fields, at: number): void {
  const exten = f.Exten;
  if (!exten) return;
  const context = f.Context ?? "";
  const key = `${exten}@${context}`;
  const reported = blfFromExtensionStatus(f.Status);
  model.asteriskExtensionStates.set(key, reported);
  const state = isDnd(model, exten, key) ? BlfState.Dnd : reported;
  const known = model.state.extensions[key];
  const hint = f.Hint || known?.hint || "";
  if (known !== undefined && known.state === state && known.hint === hint) return;
  const since = known !== undefined && known.state === state ? known.since : at;
  model.state.extensions[key] = { exten, context, hint, state, since };
  model.touch("extensions", key);
}

export function applyDeviceState(model: LiveModel, f: Fields, at: number): void {
  const device = f.Device;
  if (!device || !isCachedDevice(device)) return;
  const state = blfFromDeviceState(f.State);
  const known = model.state.devices[device];
  if (known !== undefined && known.state === state) return;
  model.state.devices[device] = { device, state, since: at };
  model.touch("devices", device);
}

/**
 * DND on or off for `exten` (every context) or one `exten@context`. Hints not seen yet pick the
 * flag up when they arrive. Returns through model.touch like any reducer.
 */
export function setDnd(model: LiveModel, target: string, on: boolean, at: number): void {
  if (on) model.dnd.add(target);
  else model.dnd.delete(target);
  const byContext = target.includes("@");
  for (const [key, extension] of Object.entries(model.state.extensions)) {
    if (byContext ? key !== target : extension.exten !== target) continue;
    const reported = model.asteriskExtensionStates.get(key) ?? extension.state;
    const state = isDnd(model, extension.exten, key) ? BlfState.Dnd : reported;
    if (state === extension.state) continue;
    model.state.extensions[key] = { ...extension, state, since: at } satisfies LiveExtension;
    model.touch("extensions", key);
  }
}

export function isDnd(model: LiveModel, exten: string, key: string): boolean {
  return model.dnd.size > 0 && (model.dnd.has(exten) || model.dnd.has(key));
}

export function isCachedDevice(device: string): boolean {
  return !device.startsWith("Local/") && !device.startsWith("CBAnn/");
}
