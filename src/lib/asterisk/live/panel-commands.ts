import { ALLOW } from "@/lib/asterisk/allowlists";
import { AppError } from "@/lib/errors";
import { CLASSES_OF_SERVICE, type ClassOfServiceValue } from "@/lib/validations/trunk-options";
import type { SpyMode } from "./types";

/**
 * The AMI actions behind the live panel, built from values the caller has already checked
 * against the live state and the user's scope. Every value is held to an allowlist here once
 * more, right before it becomes a header: a channel name or number with a comma, `;`, a line
 * break or `${…}` never reaches Asterisk, whatever the caller forgot.
 */
export type AmiCommand = { action: string; headers: Record<string, string> };

/** The context every internal number is dialled in (extensions_switchboard.conf). */
export const INTERNAL_CONTEXT = "sb-internal";

/**
 * ChanSpy options per mode: q quiet (no beep or name announcement), w whisper (the agent hears
 * the supervisor), B barge (both parties do), E exit when the spied-on call ends.
 */
export const SPY_OPTIONS: Record<SpyMode, string> = { listen: "qE", whisper: "qwE", barge: "qBE" };

/** How long the supervisor's own phone may ring for a spy, pickup or click-to-call. */
export const ORIGINATE_TIMEOUT_MS = 30_000;

const PATTERNS = {
  /** A channel the panel may act on: technology, resource and sequence; Local's `;1`/`;2` half. */
  channel: /^(PJSIP|Local|SIP|IAX2|DAHDI)\/[A-Za-z0-9_.@+-]{1,100}(;[12])?$/,
  /** A PJSIP channel (what ChanSpy and PickupChan take here). */
  pjsipChannel: /^PJSIP\/[A-Za-z0-9_.+-]{1,100}$/,
  /** Uniqueids and Linkedids (`1795320210.1`, optionally `<systemname>-…`), and ChannelIds. */
  uniqueid: /^[A-Za-z0-9._-]{1,64}$/,
  extension: ALLOW.extensionNumber,
  dial: ALLOW.dial,
  queue: /^q[0-9]{2,8}$/,
  reason: /^[A-Za-z0-9_-]{1,32}$/,
  memberName: ALLOW.displayName,
} as const;

export type PanelValueKind = keyof typeof PATTERNS;

export function isPanelValue(kind: PanelValueKind, value: string): boolean {
  return PATTERNS[kind].test(value);
}

function checked(kind: PanelValueKind, value: string): string {
  if (!PATTERNS[kind].test(value)) {
    throw new AppError("bad_request:ami_value", `Refused to send an unexpected ${kind} to Asterisk.`);
  }
  return value;
}

const endpoint = (ext: string) => `PJSIP/${checked("extension", ext)}`;

/** Rings the supervisor's own phone; on answer ChanSpy attaches to the target channel. */
export function spyCommand(o: {
  supervisorExtension: string;
  target: string;
  mode: SpyMode;
  channelId: string;
}): AmiCommand {
  return {
    action: "Originate",
    headers: {
      Channel: endpoint(o.supervisorExtension),
      Application: "ChanSpy",
      Data: `${checked("pjsipChannel", o.target)},${SPY_OPTIONS[o.mode]}`,
      CallerID: `${SPY_LABELS[o.mode]} <${o.supervisorExtension}>`,
      Timeout: String(ORIGINATE_TIMEOUT_MS),
      Async: "true",
      // The spy leg's Uniqueid: the listener ties ChanSpyStart and the hang-up to this session by it.
      ChannelId: checked("uniqueid", o.channelId),
    },
  };
}

const SPY_LABELS: Record<SpyMode, string> = { listen: "Listen", whisper: "Whisper", barge: "Barge" };

export function hangupCommand(channel: string): AmiCommand {
  return { action: "Hangup", headers: { Channel: checked("channel", channel), Cause: "16" } };
}

/** Blind transfer: the channel leaves its call and dials `exten` in sb-internal. */
export function redirectCommand(channel: string, exten: string): AmiCommand {
  return {
    action: "Redirect",
    headers: {
      Channel: checked("channel", channel),
      Context: INTERNAL_CONTEXT,
      Exten: checked("extension", exten),
      Priority: "1",
    },
  };
}

/**
 * Attended transfer from the agent's own leg: Asterisk plays the atxfer feature into the call
 * (the extension dialplan dials with `tT`), the other party hears hold music while the agent
 * consults `exten`, and hanging up completes the transfer.
 */
export function atxferCommand(channel: string, exten: string): AmiCommand {
  return {
    action: "Atxfer",
    headers: {
      Channel: checked("channel", channel),
      Exten: checked("extension", exten),
      Context: INTERNAL_CONTEXT,
    },
  };
}

/**
 * Pickup by Originate + PickupChan rather than Redirect: the ringing call is left untouched
 * until the supervisor actually answers (a Redirect would pull the caller out of its queue or
 * ring group at once, and lose them if nobody answers), and it takes exactly that channel.
 */
export function pickupCommand(ownExtension: string, ringingChannel: string): AmiCommand {
  return {
    action: "Originate",
    headers: {
      Channel: endpoint(ownExtension),
      Application: "PickupChan",
      Data: checked("pjsipChannel", ringingChannel),
      CallerID: `Pickup <${ownExtension}>`,
      Timeout: String(ORIGINATE_TIMEOUT_MS),
      Async: "true",
    },
  };
}

/**
 * Parks the channel in the default lot. TimeoutChannel only becomes the parkee's BLINDTRANSFER
 * variable (res_parking), so when the parked call times out it rings back that party.
 */
export function parkCommand(channel: string, timeoutChannel: string | null): AmiCommand {
  return {
    action: "Park",
    headers: {
      Channel: checked("channel", channel),
      ...(timeoutChannel ? { TimeoutChannel: checked("channel", timeoutChannel) } : {}),
    },
  };
}

/**
 * Click-to-call: rings the user's own phone first, then dials `number` from the phone's own
 * dialplan context, `sb-cos-<class of service>`: internal numbers, and outside numbers through the
 * outbound routes that class may use, exactly as if the phone had dialled it.
 */
export function originateCommand(
  ownExtension: string,
  number: string,
  classOfService: ClassOfServiceValue,
): AmiCommand {
  if (!(CLASSES_OF_SERVICE as readonly string[]).includes(classOfService)) {
    throw new AppError(
      "bad_request:ami_value",
      "Refused to send an unexpected class of service to Asterisk.",
    );
  }
  return {
    action: "Originate",
    headers: {
      Channel: endpoint(ownExtension),
      Context: `sb-cos-${classOfService}`,
      Exten: checked("dial", number),
      Priority: "1",
      CallerID: `${ownExtension} <${ownExtension}>`,
      Timeout: String(ORIGINATE_TIMEOUT_MS),
      Async: "true",
    },
  };
}

/**
 * Records the call from this leg. MixMonitor events name no file, so the name is built from
 * the Linkedid (the call) and the Uniqueid (the leg); a relative name lands in Asterisk's
 * monitor spool directory. `b`: record only while bridged.
 */
export function mixMonitorCommand(channel: string, linkedid: string, uniqueid: string): AmiCommand {
  return {
    action: "MixMonitor",
    headers: {
      Channel: checked("channel", channel),
      File: recordingFileName(linkedid, uniqueid),
      Options: "b",
    },
  };
}

export function recordingFileName(linkedid: string, uniqueid: string): string {
  return `${checked("uniqueid", linkedid)}-${checked("uniqueid", uniqueid)}.wav`;
}

export function stopMixMonitorCommand(channel: string): AmiCommand {
  return { action: "StopMixMonitor", headers: { Channel: checked("channel", channel) } };
}

export function queueAddCommand(queue: string, ext: string, memberName?: string): AmiCommand {
  // The name is only a label in `queue show`; one that fails its allowlist is left out, not sent.
  const name: Record<string, string> =
    memberName && isPanelValue("memberName", memberName) ? { MemberName: memberName } : {};
  return {
    action: "QueueAdd",
    headers: {
      Queue: checked("queue", queue),
      Interface: endpoint(ext),
      ...name,
      StateInterface: endpoint(ext),
      Penalty: "0",
      Paused: "false",
    },
  };
}

export function queueRemoveCommand(queue: string, ext: string): AmiCommand {
  return { action: "QueueRemove", headers: { Queue: checked("queue", queue), Interface: endpoint(ext) } };
}

/** Pauses (with a break code as Reason) or unpauses; without a queue, in every queue at once. */
export function queuePauseCommand(o: {
  extension: string;
  queue?: string;
  paused: boolean;
  reason?: string;
}): AmiCommand {
  return {
    action: "QueuePause",
    headers: {
      ...(o.queue ? { Queue: checked("queue", o.queue) } : {}),
      Interface: endpoint(o.extension),
      Paused: o.paused ? "true" : "false",
      ...(o.paused && o.reason ? { Reason: checked("reason", o.reason) } : {}),
    },
  };
}
