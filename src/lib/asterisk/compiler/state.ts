import type { DestinationType, RecordingPolicy } from "@/lib/db/schema/extensions";
import type { ActiveHoursWindow, QueueStrategy } from "@/lib/db/schema/queues";
import type {
  ClassOfService,
  DtmfMode,
  TrunkAuth,
  TrunkCallerIdMode,
  TrunkDirection,
  TrunkTransport,
} from "@/lib/db/schema/trunks";
import type { IvrGraph } from "@/lib/ivr/graph";
import type { HolidayRange, ScheduleRule } from "@/lib/routing/time-condition";

/**
 * Everything the compiler reads, as plain data: the renderer is a pure function of this.
 * load-state.ts fills it from the database (decrypting SIP secrets on the way).
 */
export type ExtensionState = {
  id: string;
  number: string;
  displayName: string;
  secret: string;
  enabled: boolean;
  webrtc: boolean;
  codecs: string[];
  maxContacts: number;
  voicemailEnabled: boolean;
  voicemailPin: string | null;
  recordingPolicy: RecordingPolicy;
  pickupGroup: number | null;
  callWaiting: boolean;
  /** Which outbound routes the extension may use; picks its endpoint's dialplan context. */
  classOfService: ClassOfService;
  /** Caller ID its outbound calls send (when the route sets none); null keeps the number. */
  outboundCallerId: string | null;
  /** Where voicemail notifications (with the audio attached) go: the linked user's e-mail. */
  voicemailEmail: string | null;
};

export type Destination = { type: DestinationType; target: string | null };

export type GroupState = {
  id: string;
  number: string;
  name: string;
  strategy: "ringall" | "hunt";
  ringTime: number;
  /** Member extension numbers in ring order. */
  members: string[];
  failover: Destination;
};

export type QueueState = {
  id: string;
  number: string;
  name: string;
  strategy: QueueStrategy;
  memberTimeout: number;
  retry: number;
  wrapupTime: number;
  maxLen: number;
  weight: number;
  joinEmpty: boolean;
  leaveWhenEmpty: boolean;
  announcePosition: boolean;
  announceHoldTime: boolean;
  mohClass: string;
  serviceLevel: number;
  recordingPolicy: RecordingPolicy;
  /** Static members only; dynamic agents log in at run time. */
  members: { number: string; penalty: number }[];
  vips: { number: string; priority: number }[];
  activeHours: ActiveHoursWindow[];
  outOfHours: Destination;
  /** Ids of the block and allow lists that screen its callers (CallerListState). */
  lists: string[];
  /** Sound ids (SoundState) of its announcements; null when it has none. */
  joinAnnounce: string | null;
  periodicAnnounce: string | null;
  /** Seconds between periodic announcements (with periodicAnnounce only). */
  periodicAnnounceFrequency: number | null;
  agentAnnounce: string | null;
};

// --- Inbound routing (DIDs, caller lists, ring trees) ---

/** One entry of a block or allow list: a number (AstDB) or a `_` pattern (compiled). */
export type CallerListEntryState = {
  value: string;
  /** Unix seconds; null never expires. */
  expiresAt: number | null;
};

export type CallerListState = {
  id: string;
  name: string;
  kind: "block" | "allow";
  entries: CallerListEntryState[];
};

export type DidState = {
  id: string;
  number: string;
  description: string;
  trunkName: string | null;
  destination: Destination;
  /** In order: the first rule whose pattern matches the caller wins. */
  rules: { pattern: string; destination: Destination }[];
  lists: string[];
};

export type RingTreeNodeState = {
  key: string;
  parentKey: string | null;
  /** 0 for the root; at most 2. */
  depth: number;
  kind: "extension" | "group" | "queue" | "voicemail" | "hangup" | "filter";
  target: string | null;
  listId: string | null;
  timeout: number;
};

export type RingTreeState = {
  id: string;
  number: string;
  name: string;
  lists: string[];
  /** Preorder: the order in which the nodes ring when nobody answers. */
  nodes: RingTreeNodeState[];
};

// ---- outbound routing: trunks and outbound routes ----
export type TrunkState = {
  id: string;
  name: string;
  direction: TrunkDirection;
  authMode: TrunkAuth;
  host: string;
  port: number;
  transport: TrunkTransport;
  username: string | null;
  /** Decrypted carrier password ("" when there is none or it no longer decrypts). */
  secret: string;
  fromUser: string | null;
  codecs: string[];
  dtmfMode: DtmfMode;
  maxChannels: number;
  callerIdMode: TrunkCallerIdMode;
  fixedCallerId: string | null;
};

export type OutboundRouteState = {
  id: string;
  name: string;
  /** Routes are tried in ascending position. */
  position: number;
  patterns: string[];
  strip: number;
  prepend: string;
  callerId: string | null;
  classes: ClassOfService[];
  /** Trunk names in failover order. */
  trunks: string[];
};

export type ConfigState = {
  extensions: ExtensionState[];
  groups: GroupState[];
  queues: QueueState[];
  timezone: string;
  dids: DidState[];
  callerLists: CallerListState[];
  ringTrees: RingTreeState[];
  trunks: TrunkState[];
  outboundRoutes: OutboundRouteState[];
  // --- IVR, time conditions, sound library, music on hold (issue #4, IVR part) ---
  /** Absolute directory holding `<sound id>.wav`, as Asterisk sees it (ASTERISK_SOUNDS_DIR). */
  soundsDir: string;
  sounds: SoundState[];
  mohClasses: MohClassState[];
  timeConditions: TimeConditionState[];
  ivrs: IvrState[];
};

export type SoundState = { id: string; name: string };

export type MohClassState = {
  id: string;
  name: string;
  sort: "alpha" | "random";
  /** Sound ids in play order. */
  sounds: string[];
};

export type TimeConditionState = {
  id: string;
  number: string;
  name: string;
  schedule: ScheduleRule[];
  holidays: HolidayRange[];
  matched: Destination;
  unmatched: Destination;
};

export type IvrState = { id: string; number: string; name: string; version: number; graph: IvrGraph };
