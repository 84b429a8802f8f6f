import type { LiveParkedCall } from "../types";
import { type Fields, int, text } from "./ami-fields";
import { refreshChannel } from "./channel-snapshot";
import type { LiveModel, Reducer } from "./live-model";

/**
 * Parked calls, keyed `<lot>:<slot>` (`default:701`).
 *
 * - `ParkedCall`, `ParkedCallSwap` → upsert: `parkedAt` = Timestamp − `ParkingDuration`,
 *   `timeoutAt` = Timestamp + `ParkingTimeout` (seconds left). The ParkedCalls list items carry
 *   the same headers without a Timestamp, so rebuild() reads them with the listener's clock.
 * - `UnParkedCall` (picked up), `ParkedCallTimeOut` (returned to the parker),
 *   `ParkedCallGiveUp` (caller hung up) → remove.
 * - The parkee's Hangup removes it too, in case the parking event was lost.
 */
export const parkingReducers: Record<string, Reducer> = {
  ParkedCall: upsertParked,
  ParkedCallSwap: upsertParked,
  UnParkedCall: removeParked,
  ParkedCallTimeOut: removeParked,
  ParkedCallGiveUp: removeParked,
};

export function parkedFromFields(f: Fields, at: number): LiveParkedCall | null {
  const lot = f.Parkinglot;
  const slot = f.ParkingSpace;
  const uniqueid = f.ParkeeUniqueid;
  if (!lot || !slot || !uniqueid) return null;
  return {
    lot,
    slot,
    uniqueid,
    channel: f.ParkeeChannel ?? "",
    callerIdNum: text(f.ParkeeCallerIDNum),
    callerIdName: text(f.ParkeeCallerIDName),
    parkerDialString: f.ParkerDialString ?? "",
    parkedAt: at - int(f.ParkingDuration) * 1000,
    timeoutAt: at + int(f.ParkingTimeout) * 1000,
  };
}

export function parkedKey(call: Pick<LiveParkedCall, "lot" | "slot">): string {
  return `${call.lot}:${call.slot}`;
}

/** Unparks whatever holds this channel (its Hangup). */
export function unparkChannel(model: LiveModel, uniqueid: string): void {
  const key = model.parkedKey.get(uniqueid);
  if (key === undefined) return;
  model.parkedKey.delete(uniqueid);
  if (model.state.parked[key]?.uniqueid !== uniqueid) return;
  delete model.state.parked[key];
  model.touch("parked", key);
}

function upsertParked(model: LiveModel, f: Fields, at: number): void {
  refreshChannel(model, f, "Parkee", at);
  const call = parkedFromFields(f, at);
  if (call === null) return;
  const key = parkedKey(call);
  const previous = model.state.parked[key];
  if (previous !== undefined && previous.uniqueid !== call.uniqueid)
    model.parkedKey.delete(previous.uniqueid);
  model.state.parked[key] = call;
  model.parkedKey.set(call.uniqueid, key);
  model.touch("parked", key);
}

function removeParked(model: LiveModel, f: Fields, at: number): void {
  refreshChannel(model, f, "Parkee", at);
  const lot = f.Parkinglot;
  const slot = f.ParkingSpace;
  const key = lot && slot ? parkedKey({ lot, slot }) : model.parkedKey.get(f.ParkeeUniqueid ?? "");
  if (key === undefined) return;
  const call = model.state.parked[key];
  if (call === undefined) return;
  delete model.state.parked[key];
  model.parkedKey.delete(call.uniqueid);
  model.touch("parked", key);
}
