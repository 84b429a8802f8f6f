import type { SimBridge, SimChannel } from "./world-types";

/** One AMI message as ordered `Key: Value` pairs. */
export type WireHeaders = [string, string][];

/** Renders headers the way Asterisk writes them: CRLF lines and a blank line at the end. */
export function formatMessage(headers: WireHeaders): string {
  let out = "";
  for (const [key, value] of headers) out += `${key}: ${value}\r\n`;
  return `${out}\r\n`;
}

/** `Timestamp:` as Asterisk 22 writes it with `timestampevents = yes`: epoch seconds, 6 decimals. */
export function asteriskTimestamp(epochMs: number): string {
  return (epochMs / 1000).toFixed(6);
}

/** CoreShowChannel `Duration`: HH:MM:SS. */
export function hms(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** CDR times: Asterisk's local time, `2026-11-22 03:58:28`. */
export function cdrTime(epochMs: number | null): string {
  if (epochMs === null) return "";
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export const CHANNEL_STATE_CODES = {
  Down: 0,
  Rsrvd: 1,
  OffHook: 2,
  Dialing: 3,
  Ring: 4,
  Ringing: 5,
  Up: 6,
  Busy: 7,
} as const;

/**
 * A channel snapshot block (ast_manager_build_channel_state_string_prefix): `Dest`, `Spyer`,
 * `Parkee`, `Transferer` … prefix every key. Empty caller-ID fields read `<unknown>` as on the wire.
 */
export function channelHeaders(ch: SimChannel, prefix = ""): WireHeaders {
  return [
    [`${prefix}Channel`, ch.name],
    [`${prefix}ChannelState`, String(CHANNEL_STATE_CODES[ch.state])],
    [`${prefix}ChannelStateDesc`, ch.state],
    [`${prefix}CallerIDNum`, ch.callerIdNum || "<unknown>"],
    [`${prefix}CallerIDName`, ch.callerIdName || "<unknown>"],
    [`${prefix}ConnectedLineNum`, ch.connectedLineNum || "<unknown>"],
    [`${prefix}ConnectedLineName`, ch.connectedLineName || "<unknown>"],
    [`${prefix}Language`, "en"],
    [`${prefix}AccountCode`, ""],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.uniqueid],
    [`${prefix}Linkedid`, ch.linkedid],
  ];
}

/** A bridge snapshot block, as in BridgeCreate/Enter/Leave/Destroy and BridgeListItem. */
export function bridgeHeaders(bridge: SimBridge): WireHeaders {
  return [
    ["BridgeUniqueid", bridge.id],
    ["BridgeType", bridge.type],
    ["BridgeTechnology", bridge.technology],
    ["BridgeCreator", bridge.creator],
    ["BridgeName", bridge.name],
    ["BridgeNumChannels", String(bridge.channels.length + bridge.hiddenChannels)],
    ["BridgeVideoSourceMode", "none"],
  ];
}
