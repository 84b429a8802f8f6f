import type { DestinationType, RecordingPolicy } from "@/lib/db/schema/extensions";
import type { ActiveHoursWindow, QueueStrategy } from "@/lib/db/schema/queues";

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
  dnd: boolean;
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
};

export type ConfigState = {
  extensions: ExtensionState[];
  groups: GroupState[];
  queues: QueueState[];
  timezone: string;
};
