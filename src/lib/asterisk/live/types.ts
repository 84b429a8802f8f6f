/**
 * The live-state model the listener derives from AMI and the panel renders. This file is the
 * contract between the listener (state/reducer), the bus/SSE layer and the browser: plain JSON
 * shapes only (no Maps, no Dates), keyed records so a delta can replace one entity at a time.
 *
 * Times are epoch milliseconds taken from the event's `Timestamp` header when it has one (live
 * events do, list items don't) and from the listener's clock otherwise.
 */

/**
 * BLF state of a hint or device, as the panel colours it.
 *
 * From ExtensionStatus `Status` (a bitmask): -2/-1 removed/unknown → unavailable, 0 idle,
 * 1 inuse, 2 busy, 4 unavailable, 8 ringing, 9 ringinuse → ringing, 16 onhold, 17 inuse+hold → onhold.
 * From DeviceStateChange `State` / QueueMember `Status` (ast_device_state): NOT_INUSE/1 idle,
 * INUSE/2 inuse, BUSY/3 busy, INVALID/4 unavailable, UNAVAILABLE/5 unavailable, RINGING/6 ringing,
 * RINGINUSE/7 ringing, ONHOLD/8 onhold, UNKNOWN/0 unavailable.
 * DND is not an Asterisk device state: it comes from the app's own DND flag (presence) and wins.
 */
export enum BlfState {
  Idle = "idle",
  Ringing = "ringing",
  InUse = "inuse",
  Busy = "busy",
  OnHold = "onhold",
  Unavailable = "unavailable",
  Dnd = "dnd",
}

/** One Asterisk channel (a call leg), keyed by Uniqueid. */
export type LiveChannel = {
  uniqueid: string;
  /** `PJSIP/1001-00000003`, `Local/600@sb-internal-00000001;1`. */
  name: string;
  linkedid: string;
  /** The endpoint or extension the leg belongs to (`1001` for PJSIP/1001-…), null for Local/other. */
  endpoint: string | null;
  /** ChannelStateDesc as Asterisk spells it: Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy. */
  state: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  context: string;
  exten: string;
  /** The bridge the channel is in, if any. */
  bridgeId: string | null;
  onHold: boolean;
  /** The application running now (Dial, Queue, ChanSpy, VoiceMail, MusicOnHold …) when known. */
  application: string;
  /** Set while MixMonitor records this channel. */
  recording: boolean;
  /** Set while this channel is a ChanSpy leg: whom it spies on (channel name). The mode comes from the action the app sent. */
  spying: { target: string; mode: SpyMode | null } | null;
  createdAt: number;
  answeredAt: number | null;
  /**
   * The queue this leg went through: set on the caller by QueueCallerJoin and on the member's leg
   * by AgentCalled, and kept after the call connects, so a call stays attributable to its queue.
   * Absent when the leg never touched a queue (or the listener couldn't tell, after a rebuild).
   */
  queue?: string;
};

export type SpyMode = "listen" | "whisper" | "barge";

/** One bridge, keyed by BridgeUniqueid. */
export type LiveBridge = {
  id: string;
  /** basic, parking, base (ConfBridge) … */
  type: string;
  technology: string;
  /** ConfBridge name for conference bridges, else "". */
  name: string;
  channels: string[];
  createdAt: number;
};

/** A hint (ExtensionStatus), keyed by `exten@context`. */
export type LiveExtension = {
  exten: string;
  context: string;
  /** `PJSIP/1001`, `confbridge:800`, `park:701@parkedcalls`; empty during boot. */
  hint: string;
  state: BlfState;
  /** When the state last changed. */
  since: number;
};

/** A device (DeviceStateChange), keyed by device name (`PJSIP/1001`). */
export type LiveDevice = { device: string; state: BlfState; since: number };

/** A caller waiting in a queue, keyed by Uniqueid within the queue. */
export type LiveQueueEntry = {
  uniqueid: string;
  channel: string;
  position: number;
  callerIdNum: string;
  callerIdName: string;
  joinedAt: number;
};

/** A queue member, keyed by Interface (`PJSIP/1001`, `Local/6101@burst-agents`). */
export type LiveQueueMember = {
  interface: string;
  name: string;
  stateInterface: string;
  state: BlfState;
  paused: boolean;
  pausedReason: string;
  /** Since when paused (listener clock), null when not paused. */
  pausedSince: number | null;
  callsTaken: number;
  /** Epoch ms of the last call, null when none. */
  lastCall: number | null;
  inCall: boolean;
  membership: "static" | "dynamic" | "realtime";
  penalty: number;
};

/** A queue, keyed by its Asterisk name (`q5000`). */
export type LiveQueue = {
  name: string;
  strategy: string;
  /** Seconds: QueueParams ServiceLevel. */
  serviceLevel: number;
  entries: Record<string, LiveQueueEntry>;
  members: Record<string, LiveQueueMember>;
  /**
   * Today's counters (reset at local midnight by the listener): answered, abandoned and
   * answered within serviceLevel seconds. SLA % = answeredWithinSla / (answered + abandoned).
   */
  today: { day: string; answered: number; abandoned: number; answeredWithinSla: number };
};

/** A parked call, keyed by `<lot>:<slot>`. */
export type LiveParkedCall = {
  lot: string;
  slot: string;
  uniqueid: string;
  channel: string;
  callerIdNum: string;
  callerIdName: string;
  parkerDialString: string;
  parkedAt: number;
  timeoutAt: number;
};

/** A ConfBridge room, keyed by name. */
export type LiveConference = {
  name: string;
  /** Uniqueids of the participants. */
  participants: string[];
  locked: boolean;
  startedAt: number;
};

/**
 * Call quality an extension's browser phone reported (POST /api/softphone/stats), keyed by
 * extension number. Like DND, the app's own fact: Asterisk never reports it. One entry per
 * extension holds its newest sample (of any call); the listener forgets it after
 * QUALITY_FORGET_MS without a sample, and the panel shows it as stale after QUALITY_STALE_MS
 * (src/lib/softphone/call-quality.ts, with the good/fair/poor thresholds).
 */
export type LiveCallQuality = {
  extension: string;
  /** The phone's id of the call the sample is from (its SIP Call-ID). */
  callId: string;
  /** When the browser took the sample (its clock, epoch ms). */
  sampledAt: number;
  /** When the listener received it (its clock, epoch ms): staleness is measured from here. */
  receivedAt: number;
  /** Round-trip time of the media path, null when the browser couldn't measure it yet. */
  rttMs: number | null;
  /** Inbound interarrival jitter. */
  jitterMs: number | null;
  /** Inbound packets lost since the call started (cumulative, as getStats() counts them). */
  packetsLost: number;
  /** Share of inbound packets lost over the phone's last sampling interval, 0–100. */
  packetLossPct: number | null;
};

export type LiveState = {
  channels: Record<string, LiveChannel>;
  bridges: Record<string, LiveBridge>;
  extensions: Record<string, LiveExtension>;
  devices: Record<string, LiveDevice>;
  queues: Record<string, LiveQueue>;
  parked: Record<string, LiveParkedCall>;
  conferences: Record<string, LiveConference>;
  /** Browser phones' call quality by extension number. */
  quality: Record<string, LiveCallQuality>;
};

export type LiveCollection = keyof LiveState;

/** One entity replaced or removed. Deltas are lists of these; the latest per key wins. */
export type LiveChange =
  | { op: "upsert"; collection: LiveCollection; key: string; value: unknown }
  | { op: "remove"; collection: LiveCollection; key: string };

/** The AMI connection as the listener sees it; shown on the panel and /api/health. */
export type LiveConnection = {
  state: "connecting" | "syncing" | "live" | "down";
  /** Epoch ms of the last event received, null before any. */
  lastEventAt: number | null;
  error: string | null;
};

/** What the SSE route sends first: the whole state at `version`. */
export type LiveSnapshot = { version: number; at: number; connection: LiveConnection; state: LiveState };

/** What follows: every change since version - 1. A gap in versions means "reload the snapshot". */
export type LiveDelta = { version: number; at: number; connection?: LiveConnection; changes: LiveChange[] };

export function emptyLiveState(): LiveState {
  return {
    channels: {},
    bridges: {},
    extensions: {},
    devices: {},
    queues: {},
    parked: {},
    conferences: {},
    quality: {},
  };
}
