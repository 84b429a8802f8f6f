import type { LiveChannel } from "../types";
import { endpointOf, type Fields, text } from "./ami-fields";
import type { LiveModel } from "./live-model";

/**
 * Asterisk puts a full channel snapshot in most channel events, once per channel involved, each
 * under its own prefix: none for the event's own channel, `Dest` in Dial and Agent events,
 * `Spyer`/`Spyee`, `Parkee`, `Transferer`, `OrigTransferer`, `LocalOne`/`LocalTwo` …
 */
type SnapshotKeys = {
  channel: string;
  stateDesc: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  context: string;
  exten: string;
  uniqueid: string;
  linkedid: string;
};

const KEYS = new Map<string, SnapshotKeys>();

export function snapshotKeys(prefix: string): SnapshotKeys {
  let keys = KEYS.get(prefix);
  if (keys === undefined) {
    keys = {
      channel: `${prefix}Channel`,
      stateDesc: `${prefix}ChannelStateDesc`,
      callerIdNum: `${prefix}CallerIDNum`,
      callerIdName: `${prefix}CallerIDName`,
      connectedLineNum: `${prefix}ConnectedLineNum`,
      connectedLineName: `${prefix}ConnectedLineName`,
      context: `${prefix}Context`,
      exten: `${prefix}Exten`,
      uniqueid: `${prefix}Uniqueid`,
      linkedid: `${prefix}Linkedid`,
    };
    KEYS.set(prefix, keys);
  }
  return keys;
}

/** A new LiveChannel from a snapshot; null without a Uniqueid. Caller-ID text is kept verbatim. */
export function channelFromSnapshot(fields: Fields, prefix: string, createdAt: number): LiveChannel | null {
  const k = snapshotKeys(prefix);
  const uniqueid = fields[k.uniqueid];
  if (!uniqueid) return null;
  const name = fields[k.channel] ?? "";
  const state = fields[k.stateDesc] ?? "";
  return {
    uniqueid,
    name,
    linkedid: fields[k.linkedid] || uniqueid,
    endpoint: endpointOf(name),
    state,
    callerIdNum: text(fields[k.callerIdNum]),
    callerIdName: text(fields[k.callerIdName]),
    connectedLineNum: text(fields[k.connectedLineNum]),
    connectedLineName: text(fields[k.connectedLineName]),
    context: fields[k.context] ?? "",
    exten: fields[k.exten] ?? "",
    bridgeId: null,
    onHold: false,
    application: "",
    recording: false,
    spying: null,
    createdAt,
    answeredAt: state === "Up" ? createdAt : null,
  };
}

/**
 * Brings a known channel up to date with the snapshot under `prefix` and touches it if anything
 * changed. Only fields present in the event are read, so partial snapshots (OriginateResponse)
 * can't blank anything. Returns the channel, or undefined when it isn't known: only Newchannel
 * and BridgeEnter create channels, so a late event can never bring a hung-up channel back.
 */
export function refreshChannel(
  model: LiveModel,
  fields: Fields,
  prefix: string,
  at: number,
): LiveChannel | undefined {
  const k = snapshotKeys(prefix);
  const uniqueid = fields[k.uniqueid];
  if (uniqueid === undefined) return undefined;
  const channel = model.state.channels[uniqueid];
  if (channel === undefined) return undefined;
  let changed = false;

  const name = fields[k.channel];
  if (name !== undefined && name !== channel.name) {
    channel.name = name;
    channel.endpoint = endpointOf(name);
    changed = true;
  }
  const state = fields[k.stateDesc];
  if (state !== undefined && state !== channel.state) {
    channel.state = state;
    if (state === "Up" && channel.answeredAt === null) channel.answeredAt = at;
    changed = true;
  }
  const linkedid = fields[k.linkedid];
  if (linkedid && linkedid !== channel.linkedid) {
    // Linkedid follows the call: a parked call picked up by 1004 pulls 1004's leg into it.
    channel.linkedid = linkedid;
    changed = true;
  }
  if (setText(channel, "callerIdNum", fields[k.callerIdNum])) changed = true;
  if (setText(channel, "callerIdName", fields[k.callerIdName])) changed = true;
  if (setText(channel, "connectedLineNum", fields[k.connectedLineNum])) changed = true;
  if (setText(channel, "connectedLineName", fields[k.connectedLineName])) changed = true;
  const context = fields[k.context];
  if (context !== undefined && context !== channel.context) {
    channel.context = context;
    changed = true;
  }
  const exten = fields[k.exten];
  if (exten !== undefined && exten !== channel.exten) {
    channel.exten = exten;
    changed = true;
  }
  if (changed) model.touch("channels", uniqueid);
  return channel;
}

/** Newchannel and BridgeEnter: the channel, created from the snapshot if it wasn't known. */
export function ensureChannel(
  model: LiveModel,
  fields: Fields,
  prefix: string,
  at: number,
): LiveChannel | undefined {
  const known = refreshChannel(model, fields, prefix, at);
  if (known !== undefined) return known;
  const channel = channelFromSnapshot(fields, prefix, at);
  if (channel === null) return undefined;
  model.state.channels[channel.uniqueid] = channel;
  model.touch("channels", channel.uniqueid);
  return channel;
}

/** Sets a field (touching the channel) only when the value differs. */
export function setChannelField<K extends "application" | "onHold" | "recording">(
  model: LiveModel,
  channel: LiveChannel,
  field: K,
  value: LiveChannel[K],
): void {
  if (channel[field] === value) return;
  channel[field] = value;
  model.touch("channels", channel.uniqueid);
}

type TextField = "callerIdNum" | "callerIdName" | "connectedLineNum" | "connectedLineName";

function setText(channel: LiveChannel, field: TextField, raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const value = text(raw);
  if (value === channel[field]) return false;
  channel[field] = value;
  return true;
}
