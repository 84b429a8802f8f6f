import type { LiveConference } from "../types";
import { refreshChannel } from "./channel-snapshot";
import type { LiveModel, Reducer } from "./live-model";

/**
 * ConfBridge rooms, keyed by conference name.
 *
 * - `ConfbridgeStart` → upsert the room, no participants, `startedAt` = Timestamp.
 * - `ConfbridgeJoin` → add the channel's Uniqueid (creating the room if its Start was missed);
 *   the channel gets application `ConfBridge`.
 * - `ConfbridgeLeave` → remove it (a participant's Hangup does too).
 * - `ConfbridgeEnd` → remove the room.
 * - `ConfbridgeLock` / `ConfbridgeUnlock` → `locked`.
 *
 * The room's bridge (`BridgeType: base`, technology softmix, named after the room) is modelled
 * separately by the bridge events; ConfBridge's announcer channel never shows up in either.
 */
export const conferenceReducers: Record<string, Reducer> = {
  ConfbridgeStart(model, f, at) {
    if (f.Conference) roomFor(model, f.Conference, at);
  },

  ConfbridgeJoin(model, f, at) {
    const channel = refreshChannel(model, f, "", at);
    const uniqueid = f.Uniqueid;
    if (!f.Conference || !uniqueid) return;
    const room = roomFor(model, f.Conference, at);
    if (!room.participants.includes(uniqueid)) {
      room.participants = [...room.participants, uniqueid];
      model.conferenceOf.set(uniqueid, room.name);
      model.touch("conferences", room.name);
    }
    if (channel !== undefined && channel.application !== "ConfBridge") {
      channel.application = "ConfBridge";
      model.touch("channels", channel.uniqueid);
    }
  },

  ConfbridgeLeave(model, f, at) {
    refreshChannel(model, f, "", at);
    if (f.Conference && f.Uniqueid) leaveConference(model, f.Conference, f.Uniqueid);
  },

  ConfbridgeEnd(model, f) {
    const room = f.Conference === undefined ? undefined : model.state.conferences[f.Conference];
    if (room === undefined) return;
    for (const uniqueid of room.participants) model.conferenceOf.delete(uniqueid);
    delete model.state.conferences[room.name];
    model.touch("conferences", room.name);
  },

  ConfbridgeLock(model, f) {
    setLocked(model, f.Conference, true);
  },

  ConfbridgeUnlock(model, f) {
    setLocked(model, f.Conference, false);
  },
};

export function leaveConference(model: LiveModel, name: string, uniqueid: string): void {
  model.conferenceOf.delete(uniqueid);
  const room = model.state.conferences[name];
  if (room === undefined || !room.participants.includes(uniqueid)) return;
  room.participants = room.participants.filter((id) => id !== uniqueid);
  model.touch("conferences", name);
}

function roomFor(model: LiveModel, name: string, at: number): LiveConference {
  let room = model.state.conferences[name];
  if (room === undefined) {
    room = { name, participants: [], locked: false, startedAt: at };
    model.state.conferences[name] = room;
    model.touch("conferences", name);
  }
  return room;
}

function setLocked(model: LiveModel, name: string | undefined, locked: boolean): void {
  const room = name === undefined ? undefined : model.state.conferences[name];
  if (room === undefined || room.locked === locked) return;
  room.locked = locked;
  model.touch("conferences", room.name);
}
