import type { SpyMode } from "../types";

/** An event's headers, first value per key, exactly as `AmiEvent.fields`. */
export type Fields = Readonly<Record<string, string>>;

/**
 * Epoch ms from a live event's `Timestamp` (epoch seconds with µs, `1795319908.994278`); null
 * when absent (list items, a server without `timestampevents`) or unreadable.
 */
export function eventTimeMs(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

/** Asterisk prints an empty caller ID, connected line or bridge name as `<unknown>`; the model keeps "". */
export function text(value: string | undefined): string {
  return value === undefined || value === "<unknown>" ? "" : value;
}

export function int(value: string | undefined, fallback = 0): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
}

/** `1`, `Yes`, `true` (any case) → true. Queue events say `Paused: 1`, ConfBridge says `Locked: Yes`. */
export function flag(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  return v === "1" || v === "yes" || v === "true";
}

/** Epoch seconds (QueueMember `LastCall`, `LastPause`) → epoch ms; 0 or garbage means "never". */
export function epochSecondsMs(value: string | undefined): number | null {
  const n = int(value);
  return n > 0 ? n * 1000 : null;
}

/** CoreShowChannel `Duration` (`00:00:05`, or `123:04:05` for long calls) → seconds. */
export function durationSeconds(value: string | undefined): number {
  if (!value) return 0;
  let seconds = 0;
  for (const part of value.split(":")) {
    const n = Number.parseInt(part, 10);
    if (!Number.isFinite(n)) return 0;
    seconds = seconds * 60 + n;
  }
  return seconds;
}

const ENDPOINT_TECHS = new Set(["PJSIP", "SIP", "IAX2"]);

/** `PJSIP/1001-0000000a` → `1001`; Local, CBAnn, DAHDI and other technologies → null. */
export function endpointOf(channelName: string): string | null {
  const slash = channelName.indexOf("/");
  if (slash <= 0 || !ENDPOINT_TECHS.has(channelName.slice(0, slash))) return null;
  const dash = channelName.lastIndexOf("-");
  const endpoint = channelName.slice(slash + 1, dash > slash ? dash : undefined);
  return endpoint === "" ? null : endpoint;
}

/**
 * The mode a ChanSpy runs in, from its application data (`PJSIP/1002,qB`): `B` barges, `w`/`W`
 * whispers, anything else listens. Null when there is no data to go on.
 */
export function spyModeFromChanSpyData(data: string | undefined): SpyMode | null {
  if (data === undefined) return null;
  const comma = data.indexOf(",");
  // Options may carry arguments in parentheses (`x(#)`, `g(grp)`): those letters aren't options.
  const options = comma === -1 ? "" : data.slice(comma + 1).replace(/\([^)]*\)/g, "");
  if (options.includes("B")) return "barge";
  if (options.includes("w") || options.includes("W")) return "whisper";
  return "listen";
}

/** The channel-spec argument of ChanSpy data (`PJSIP/1002,qB` → `PJSIP/1002`). */
export function chanSpyTarget(data: string): string {
  const comma = data.indexOf(",");
  return comma === -1 ? data : data.slice(0, comma);
}
