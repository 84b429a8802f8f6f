import type { AmiEvent } from "../../ami/message";
import { dndExtensionsOf } from "../../dnd-keys";
import { BlfState, type LiveChannel, type LiveQueue, type LiveState } from "../types";
import { chanSpyTarget, durationSeconds, flag, int, spyModeFromChanSpyData } from "./ami-fields";
import { blfFromDeviceState, blfFromExtensionStatus } from "./blf-state";
import { bridgeFromFields } from "./bridge-reducer";
import { channelFromSnapshot } from "./channel-snapshot";
import { createLiveState, type LiveModel } from "./live-model";
import { parkedFromFields, parkedKey } from "./parking-reducer";
import { isCachedDevice, isDnd } from "./presence-reducer";
import { entryFromFields } from "./queue-callers";
import { memberFromFields } from "./queue-members";

/** The list actions whose items rebuild() needs, in the order a listener should send them. */
export const REBUILD_ACTIONS = [
  "CoreShowChannels",
  "BridgeList",
  "ExtensionStateList",
  "DeviceStateList",
  "QueueStatus",
  "ParkedCalls",
  "ConfbridgeListRooms",
] as const;

export type RebuildAction = (typeof REBUILD_ACTIONS)[number];

/**
 * Each list action's collected events (items; the response and `…Complete` may be included and
 * are skipped). `ConfbridgeList` is optional, per conference name: without it a room's
 * participants are the channels in the room's bridge.
 */
export type RebuildLists = Record<RebuildAction, AmiEvent[]> & {
  ConfbridgeList?: Record<string, AmiEvent[]>;
  /** `DBGetTree` of the DND family: which extensions are in do not disturb. */
  DBGetTree?: AmiEvent[];
};

/**
 * Replaces the model's state with what the lists report. List items have no Timestamp, so times
 * come from their `Duration`/`Wait`/`ParkingDuration`/`ParkingTimeout` against the listener's
 * clock, or are now().
 *
 * Asterisk can't report some things, so a rebuild keeps what the listener knew for entities that
 * still exist under the same id (uniqueids never repeat within one Asterisk run): a channel's
 * `onHold`, `recording`, `queue`, `createdAt`/`answeredAt` and `spying`; a hint's or device's
 * `since` while its state is unchanged; a member's `pausedSince`; a caller's `joinedAt`; a
 * bridge's or room's start; a queue's `today` counters for the same local day (QueueStatus's own
 * counters run since the last reload, not since midnight). DND is what AstDB holds (DBGetTree;
 * without that list it stays as it was). Noted spy modes and browser phones' call quality are the
 * app's and survive as they are. After a Shutdown nothing carries
 * over: its channels are gone.
 *
 * A channel first seen here is dated by its `Duration`; if it is Up it counts as answered since
 * then (the list doesn't say when it was answered). A ChanSpy leg's mode is the noted one, else
 * what its ApplicationData options say. Empty parking bridges are dropped, as bridgeReducers do.
 */
export function rebuildModel(model: LiveModel, lists: RebuildLists): void {
  const now = model.now();
  const previous = model.state;
  const state = createLiveState();
  model.entryQueue.clear();
  model.parkedKey.clear();
  model.conferenceOf.clear();
  model.asteriskExtensionStates.clear();
  if (lists.DBGetTree) {
    model.dnd.clear();
    for (const extension of dndExtensionsOf(lists.DBGetTree)) model.dnd.add(extension);
  }

  const spies: LiveChannel[] = [];
  for (const { event, fields: f } of lists.CoreShowChannels ?? []) {
    if (event !== "CoreShowChannel") continue;
    const channel = channelFromSnapshot(f, "", now - durationSeconds(f.Duration) * 1000);
    if (channel === null) continue;
    channel.bridgeId = f.BridgeId || null;
    channel.application = f.Application ?? "";
    if (channel.application === "Queue" && f.ApplicationData)
      channel.queue = chanSpyTarget(f.ApplicationData);
    const before = previous.channels[channel.uniqueid];
    if (before !== undefined) {
      channel.createdAt = before.createdAt;
      channel.answeredAt = before.answeredAt ?? channel.answeredAt;
      channel.onHold = before.onHold;
      channel.recording = before.recording;
      if (before.queue !== undefined) channel.queue = before.queue;
    }
    if (channel.application.toLowerCase() === "chanspy") spies.push(channel);
    state.channels[channel.uniqueid] = channel;
  }
  for (const spy of spies) {
    const before = previous.channels[spy.uniqueid]?.spying ?? null;
    resolveSpying(model, state, spy, spyDataOf(lists, spy.uniqueid), before);
  }

  for (const { event, fields: f } of lists.BridgeList ?? []) {
    if (event !== "BridgeListItem" || !f.BridgeUniqueid) continue;
    const createdAt = previous.bridges[f.BridgeUniqueid]?.createdAt ?? now;
    state.bridges[f.BridgeUniqueid] = bridgeFromFields(f, "", createdAt);
  }
  for (const channel of Object.values(state.channels)) {
    if (channel.bridgeId === null) continue;
    const bridge = state.bridges[channel.bridgeId];
    // A bridge created between the two lists: the live events that follow will place it.
    if (bridge === undefined) channel.bridgeId = null;
    else bridge.channels.push(channel.uniqueid);
  }
  for (const bridge of Object.values(state.bridges)) {
    if (bridge.type === "parking" && bridge.channels.length === 0) delete state.bridges[bridge.id];
  }

  for (const { event, fields: f } of lists.ExtensionStateList ?? []) {
    if (event !== "ExtensionStatus" || !f.Exten) continue;
    const context = f.Context ?? "";
    const key = `${f.Exten}@${context}`;
    const reported = blfFromExtensionStatus(f.Status);
    model.asteriskExtensionStates.set(key, reported);
    const stateNow = isDnd(model, f.Exten) ? BlfState.Dnd : reported;
    const before = previous.extensions[key];
    const since = before !== undefined && before.state === stateNow ? before.since : now;
    state.extensions[key] = {
      exten: f.Exten,
      context,
      hint: f.Hint || before?.hint || "",
      state: stateNow,
      since,
    };
  }

  for (const { event, fields: f } of lists.DeviceStateList ?? []) {
    if (event !== "DeviceStateChange" || !f.Device || !isCachedDevice(f.Device)) continue;
    const device = blfFromDeviceState(f.State);
    const before = previous.devices[f.Device];
    const since = before !== undefined && before.state === device ? before.since : now;
    state.devices[f.Device] = { device: f.Device, state: device, since };
  }

  rebuildQueues(model, previous, state, lists.QueueStatus ?? [], now);

  for (const { event, fields: f } of lists.ParkedCalls ?? []) {
    if (event !== "ParkedCall") continue;
    const call = parkedFromFields(f, now);
    if (call === null) continue;
    const key = parkedKey(call);
    const before = previous.parked[key];
    if (before !== undefined && before.uniqueid === call.uniqueid) call.parkedAt = before.parkedAt;
    state.parked[key] = call;
    model.parkedKey.set(call.uniqueid, key);
  }

  rebuildConferences(model, previous, state, lists, now);
  // Browser phones' call quality is the app's, not Asterisk's: it stays until it goes stale.
  state.quality = previous.quality;
  model.state = state;
  model.discardTouches();
}

function rebuildQueues(
  model: LiveModel,
  previous: LiveState,
  state: LiveState,
  items: AmiEvent[],
  now: number,
) {
  const day = model.day.of(now);
  const queueOf = (name: string): LiveQueue => {
    let queue = state.queues[name];
    if (queue === undefined) {
      const today = previous.queues[name]?.today;
      queue = {
        name,
        strategy: "",
        serviceLevel: 0,
        entries: Object.create(null),
        members: Object.create(null),
        today: today?.day === day ? today : { day, answered: 0, abandoned: 0, answeredWithinSla: 0 },
      };
      state.queues[name] = queue;
    }
    return queue;
  };
  for (const { event, fields: f } of items) {
    if (!f.Queue) continue;
    if (event === "QueueParams") {
      const queue = queueOf(f.Queue);
      queue.strategy = f.Strategy ?? "";
      queue.serviceLevel = int(f.ServiceLevel);
    } else if (event === "QueueMember") {
      const queue = queueOf(f.Queue);
      const before = previous.queues[f.Queue]?.members[f.Location ?? ""];
      const member = memberFromFields(f, before?.paused ? before : undefined, now);
      if (member !== null) queue.members[member.interface] = member;
    } else if (event === "QueueEntry" && f.Uniqueid) {
      const queue = queueOf(f.Queue);
      const before = previous.queues[f.Queue]?.entries[f.Uniqueid];
      const joinedAt = before?.joinedAt ?? now - int(f.Wait) * 1000;
      queue.entries[f.Uniqueid] = entryFromFields(f, Math.max(1, int(f.Position, 1)), joinedAt);
      model.entryQueue.set(f.Uniqueid, f.Queue);
      const channel = state.channels[f.Uniqueid];
      if (channel !== undefined) channel.queue = f.Queue;
    }
  }
}

function rebuildConferences(
  model: LiveModel,
  previous: LiveState,
  state: LiveState,
  lists: RebuildLists,
  now: number,
) {
  for (const { event, fields: f } of lists.ConfbridgeListRooms ?? []) {
    if (event !== "ConfbridgeListRooms" || !f.Conference) continue;
    const name = f.Conference;
    const listed = lists.ConfbridgeList?.[name];
    const participants =
      listed !== undefined
        ? listed
            .filter((e) => e.event === "ConfbridgeList" && e.fields.Uniqueid)
            .map((e) => e.fields.Uniqueid ?? "")
        : (Object.values(state.bridges)
            .find((b) => b.type === "base" && b.name === name)
            ?.channels.slice() ?? []);
    let startedAt = previous.conferences[name]?.startedAt ?? now;
    for (const uniqueid of participants) {
      model.conferenceOf.set(uniqueid, name);
      startedAt = Math.min(startedAt, state.channels[uniqueid]?.createdAt ?? startedAt);
    }
    state.conferences[name] = { name, participants, locked: flag(f.Locked), startedAt };
  }
}

/** CoreShowChannel's ApplicationData for this channel (the ChanSpy options). */
function spyDataOf(lists: RebuildLists, uniqueid: string): string | undefined {
  return (lists.CoreShowChannels ?? []).find((e) => e.fields.Uniqueid === uniqueid)?.fields.ApplicationData;
}

/**
 * A ChanSpy leg found by the list: its mode is the noted one, else what its options say; its
 * target is the one channel matching the ChanSpy argument (`PJSIP/1002` → `PJSIP/1002-…`), or
 * none while ChanSpy is still scanning.
 */
function resolveSpying(
  model: LiveModel,
  state: LiveState,
  spy: LiveChannel,
  data: string | undefined,
  before: LiveChannel["spying"],
) {
  const mode =
    model.spyModes.get(spy.uniqueid) ?? model.spyModes.get(spy.name) ?? spyModeFromChanSpyData(data) ?? null;
  const channels = Object.values(state.channels);
  if (before !== null && channels.some((c) => c.name === before.target)) {
    spy.spying = { target: before.target, mode };
    return;
  }
  if (data === undefined) return;
  const prefix = `${chanSpyTarget(data)}-`;
  const targets = channels.filter((c) => c !== spy && c.name.startsWith(prefix));
  if (targets.length === 1 && targets[0]) spy.spying = { target: targets[0].name, mode };
}
