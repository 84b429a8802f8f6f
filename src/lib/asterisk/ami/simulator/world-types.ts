import type { CHANNEL_STATE_CODES } from "./wire-format";

/** ChannelStateDesc as Asterisk spells it. */
export type ChannelState = keyof typeof CHANNEL_STATE_CODES;

/**
 * Device states as DeviceStateChange spells them (ast_device_state); QueueMember/QueueMemberStatus
 * `Status` is the enum's number (see DEVICE_STATE_CODES in world-devices.ts).
 */
export type DeviceState =
  | "UNKNOWN"
  | "NOT_INUSE"
  | "INUSE"
  | "BUSY"
  | "INVALID"
  | "UNAVAILABLE"
  | "RINGING"
  | "RINGINUSE"
  | "ONHOLD";

/** One call leg. Keyed by Uniqueid in the world. */
export type SimChannel = {
  name: string;
  uniqueid: string;
  linkedid: string;
  /** `1001` for PJSIP/1001-…, the trunk name for trunk legs, null for Local/other. */
  endpoint: string | null;
  state: ChannelState;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  context: string;
  exten: string;
  priority: number;
  /** What CoreShowChannel reports: Dial, AppDial, Queue, AppQueue, ChanSpy, ConfBridge, Park … */
  application: string;
  applicationData: string;
  bridgeId: string | null;
  onHold: boolean;
  recording: boolean;
  createdAt: number;
  answeredAt: number | null;
  /** Which run (scenario or action flow) drives this channel; actions that move a channel take it over. */
  owner: number;
  /** Set once its teardown started: device state no longer counts it. */
  dying: boolean;
  /** The calling side of a Dial/Queue, which owns the CDR. */
  cdr: SimCdr | null;
  /** Outgoing legs this channel is dialing and that have not answered yet (uniqueids). */
  dialing: string[];
  /** For a dialed leg: the uniqueid of the channel dialing it. */
  dialedBy: string | null;
  /** Set on a queue caller once connected to a member. */
  queueCall: SimQueueConnection | null;
  /** Set on a ChanSpy leg: the spied channel's uniqueid. */
  spying: string | null;
};

export type SimCdr = {
  destination: string;
  destinationContext: string;
  /** Legs dialed that never answered, for the extra `NO ANSWER` records a queue call writes. */
  unanswered: string[];
  answeredChannel: string;
};

export type SimQueueConnection = {
  queue: string;
  interface: string;
  memberName: string;
  agentUniqueid: string;
  holdTime: number;
  connectedAt: number;
};

export type SimBridge = {
  id: string;
  type: "basic" | "parking" | "base";
  technology: string;
  creator: string;
  name: string;
  /** Uniqueids in the bridge, in entry order. */
  channels: string[];
  /** ConfBridge's announcer channel counts in BridgeNumChannels but is never listed. */
  hiddenChannels: number;
  createdAt: number;
};

export type SimExtension = {
  number: string;
  name: string;
  registered: boolean;
  /** Registration details reported by PJSIPShowContacts. */
  contact: { objectName: string; callId: string; viaPort: number; uri: string };
};

export type SimMember = {
  queue: string;
  interface: string;
  name: string;
  stateInterface: string;
  membership: "static" | "dynamic";
  penalty: number;
  callsTaken: number;
  /** Epoch seconds, 0 = never. */
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: boolean;
  paused: boolean;
  pausedReason: string;
  ringinuse: boolean;
  wrapuptime: number;
};

export type SimQueueEntry = { uniqueid: string; joinedAt: number; originalPosition: number };

export type SimQueue = {
  name: string;
  /** The dialplan number callers dial (q5000 → 5000). */
  number: string;
  strategy: string;
  timeoutS: number;
  serviceLevel: number;
  weight: number;
  members: Map<string, SimMember>;
  entries: SimQueueEntry[];
  completed: number;
  abandoned: number;
  /** Running averages, seconds. */
  holdTime: number;
  talkTime: number;
  /** Completed calls answered within serviceLevel. */
  withinServiceLevel: number;
  /** Round-robin cursor for rrmemory. */
  nextMember: number;
};

export type SimParkedCall = {
  lot: string;
  space: string;
  uniqueid: string;
  parkerDialString: string;
  parkedAt: number;
  timeoutS: number;
};

export type SimConference = {
  name: string;
  bridgeId: string;
  participants: { uniqueid: string; joinedAt: number }[];
  locked: boolean;
};

export type SimHint = { exten: string; context: string; hint: string };
