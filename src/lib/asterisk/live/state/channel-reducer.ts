import type { LiveChannel, SpyMode } from "../types";
import { endpointOf, type Fields, spyModeFromChanSpyData } from "./ami-fields";
import { leaveBridge } from "./bridge-reducer";
import { ensureChannel, refreshChannel, setChannelField } from "./channel-snapshot";
import { leaveConference } from "./conference-reducer";
import type { LiveModel, Reducer } from "./live-model";
import { unparkChannel } from "./parking-reducer";
import { removeEntry } from "./queue-callers";

/**
 * Channels, keyed by Uniqueid. Every handler first refreshes the snapshot(s) the event carries
 * (state, caller ID, connected line, context/exten, linkedid, name), so the generic events need
 * no code of their own. Transitions:
 *
 * - `Newchannel` → upsert (`createdAt` = Timestamp; `answeredAt` too if it starts Up).
 * - `Newstate`, `NewCallerid`, `NewConnectedLine`, `DialState` → refresh only. The first move to
 *   `Up` sets `answeredAt`.
 * - `Rename` → `name` = Newname (masquerades).
 * - `Hangup` → remove; also leaves its bridge, queue, parking slot and conference, in case the
 *   events that normally precede a Hangup were lost.
 * - `DialBegin` → caller application `Dial` (unless it runs `Queue`), the dialled leg `AppDial`
 *   (`AppQueue` under a Queue), as CoreShowChannels names them. An Originate's DialBegin has no
 *   caller and changes nothing: OriginateResponse names the application. `DialEnd` → refresh both legs;
 *   duplicate DialEnds (queue CANCELs) are harmless.
 * - `Newexten` → application = `Application`. Optional: a production AMI user may filter
 *   Newexten out, so nothing else relies on it; without it, apps such as VoiceMail stay unknown.
 * - `OriginateResponse` with `Application` → that application on the originated channel; for
 *   ChanSpy, the spy mode its `Data` options imply (unless the app noted one).
 * - `Hold` / `Unhold` → `onHold`. (`MusicOnHoldStart` is not hold: queue callers get it too.)
 * - `MixMonitorStart` / `MixMonitorStop` → `recording`.
 * - `ChanSpyStart` → the spyer's `spying` = { target: SpyeeChannel, mode }, application ChanSpy;
 *   the mode is the one noted for the spyer's uniqueid or name (noteSpyMode), else null.
 *   `ChanSpyStop` → `spying` = null (the noted mode stays for the leg's next target).
 * - `BlindTransfer` / `AttendedTransfer` → refresh the legs named and clear the transferer's
 *   hold; the bridge events around them carry the actual moves. `LocalOptimizationBegin/End`
 *   need nothing: the BridgeEnter with `SwapUniqueid` does the swap.
 */
export const channelReducers: Record<string, Reducer> = {
  Newchannel(model, f, at) {
    ensureChannel(model, f, "", at);
  },
  Newstate: refreshOwn,
  NewCallerid: refreshOwn,
  NewConnectedLine: refreshOwn,
  DialState: refreshBoth,
  DialEnd: refreshBoth,

  Rename(model, f) {
    const channel = f.Uniqueid === undefined ? undefined : model.state.channels[f.Uniqueid];
    if (channel === undefined || !f.Newname || f.Newname === channel.name) return;
    channel.name = f.Newname;
    channel.endpoint = endpointOf(f.Newname);
    model.touch("channels", channel.uniqueid);
  },

  Hangup(model, f) {
    if (f.Uniqueid) removeChannel(model, f.Uniqueid);
  },

  DialBegin(model, f, at) {
    const caller = refreshOwn(model, f, at);
    const dialled = refreshChannel(model, f, "Dest", at);
    // Without a caller it is an Originate's own dial: that leg will run what OriginateResponse says.
    if (caller === undefined) return;
    const inQueue = caller.application === "Queue";
    if (!inQueue) setChannelField(model, caller, "application", "Dial");
    if (dialled !== undefined)
      setChannelField(model, dialled, "application", inQueue ? "AppQueue" : "AppDial");
  },

  Newexten(model, f, at) {
    const channel = refreshOwn(model, f, at);
    if (channel !== undefined && f.Application) setChannelField(model, channel, "application", f.Application);
  },

  OriginateResponse(model, f) {
    const channel = f.Uniqueid === undefined ? undefined : model.state.channels[f.Uniqueid];
    const application = f.Application;
    if (!application) return;
    if (application.toLowerCase() === "chanspy" && f.Uniqueid) {
      const mode = spyModeFromChanSpyData(f.Data);
      if (mode !== null && !model.spyModes.has(f.Uniqueid)) model.spyModes.set(f.Uniqueid, mode);
    }
    if (channel !== undefined) setChannelField(model, channel, "application", application);
  },

  Hold(model, f, at) {
    const channel = refreshOwn(model, f, at);
    if (channel !== undefined) setChannelField(model, channel, "onHold", true);
  },

  Unhold(model, f, at) {
    const channel = refreshOwn(model, f, at);
    if (channel !== undefined) setChannelField(model, channel, "onHold", false);
  },

  MixMonitorStart(model, f, at) {
    const channel = refreshOwn(model, f, at);
    if (channel !== undefined) setChannelField(model, channel, "recording", true);
  },

  MixMonitorStop(model, f, at) {
    const channel = refreshOwn(model, f, at);
    if (channel !== undefined) setChannelField(model, channel, "recording", false);
  },

  ChanSpyStart(model, f, at) {
    refreshChannel(model, f, "Spyee", at);
    const spyer = refreshChannel(model, f, "Spyer", at);
    if (spyer === undefined) return;
    const target = f.SpyeeChannel ?? "";
    const mode = spyModeOf(model, spyer);
    if (spyer.spying?.target !== target || spyer.spying.mode !== mode) {
      spyer.spying = { target, mode };
      model.touch("channels", spyer.uniqueid);
    }
    setChannelField(model, spyer, "application", "ChanSpy");
  },

  ChanSpyStop(model, f, at) {
    refreshChannel(model, f, "Spyee", at);
    const spyer = refreshChannel(model, f, "Spyer", at);
    if (spyer === undefined || spyer.spying === null) return;
    spyer.spying = null;
    model.touch("channels", spyer.uniqueid);
  },

  BlindTransfer(model, f, at) {
    const transferer = refreshChannel(model, f, "Transferer", at);
    refreshChannel(model, f, "Transferee", at);
    if (transferer !== undefined) setChannelField(model, transferer, "onHold", false);
  },

  AttendedTransfer(model, f, at) {
    for (const prefix of ["OrigTransferer", "SecondTransferer"]) {
      const transferer = refreshChannel(model, f, prefix, at);
      if (transferer !== undefined) setChannelField(model, transferer, "onHold", false);
    }
    refreshChannel(model, f, "Transferee", at);
    refreshChannel(model, f, "TransferTarget", at);
  },
};

/** Hangup, and Shutdown for every channel: the channel and every trace of it go. */
export function removeChannel(model: LiveModel, uniqueid: string): void {
  const channel = model.state.channels[uniqueid];
  if (channel !== undefined) {
    if (channel.bridgeId !== null) leaveBridge(model, channel.bridgeId, uniqueid);
    delete model.state.channels[uniqueid];
    model.touch("channels", uniqueid);
    model.spyModes.delete(channel.name);
  }
  // The indexes too, even for a channel never seen: its queue entry came from a list item.
  const queueName = model.entryQueue.get(uniqueid);
  const queue = queueName === undefined ? undefined : model.state.queues[queueName];
  if (queue !== undefined) removeEntry(model, queue, uniqueid);
  model.entryQueue.delete(uniqueid);
  unparkChannel(model, uniqueid);
  const conference = model.conferenceOf.get(uniqueid);
  if (conference !== undefined) leaveConference(model, conference, uniqueid);
  model.spyModes.delete(uniqueid);
}

/** The mode noted for a spy leg, by uniqueid first, then by channel name. */
export function spyModeOf(model: LiveModel, channel: LiveChannel): SpyMode | null {
  if (model.spyModes.size === 0) return null;
  return model.spyModes.get(channel.uniqueid) ?? model.spyModes.get(channel.name) ?? null;
}

function refreshOwn(model: LiveModel, f: Fields, at: number): LiveChannel | undefined {
  return refreshChannel(model, f, "", at);
}

function refreshBoth(model: LiveModel, f: Fields, at: number): void {
  refreshChannel(model, f, "", at);
  refreshChannel(model, f, "Dest", at);
}
