import { ALLOW } from "../../allowlists";
import { DND_EVENT } from "../../dnd-keys";
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
 * - `UserEvent: SwitchboardDnd` → DND on or off (AstDB `sbdnd/<exten>`, which the dialplan
 *   honours; the rebuild reads it back with DBGetTree). While on, the hint shows `dnd` whatever
 *   state Asterisk reports for the device, and that state comes back when it goes off.
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
  /** `SwitchboardDnd` (extensions/dnd.ts): the app turned DND on or off in AstDB. */
  UserEvent(model, f, at) {
    if (f.UserEvent !== DND_EVENT || !f.Exten || !ALLOW.extensionNumber.test(f.Exten)) return;
    if (f.State === "on" || f.State === "off") setDnd(model, f.Exten, f.State === "on", at);
  },
};

export function applyExtensionStatus(model: LiveModel, f: Fields, at: number): void {
  const exten = f.Exten;
  if (!exten) return;
  const context = f.Context ?? "";
  const key = `${exten}@${context}`;
  const reported = blfFromExtensionStatus(f.Status);
  model.asteriskExtensionStates.set(key, reported);
  const state = isDnd(model, exten) ? BlfState.Dnd : reported;
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
 * DND on or off for `exten`, in every context its hint is in. Hints not seen yet pick the flag up
 * when they arrive.
 */
function setDnd(model: LiveModel, exten: string, on: boolean, at: number): void {
  if (on) model.dnd.add(exten);
  else model.dnd.delete(exten);
  for (const [key, extension] of Object.entries(model.state.extensions)) {
    if (extension.exten !== exten) continue;
    const reported = model.asteriskExtensionStates.get(key) ?? extension.state;
    const state = isDnd(model, exten) ? BlfState.Dnd : reported;
    if (state === extension.state) continue;
    model.state.extensions[key] = { ...extension, state, since: at } satisfies LiveExtension;
    model.touch("extensions", key);
  }
}

export function isDnd(model: LiveModel, exten: string): boolean {
  return model.dnd.has(exten);
}

export function isCachedDevice(device: string): boolean {
  return !device.startsWith("Local/") && !device.startsWith("CBAnn/");
}
