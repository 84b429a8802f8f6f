/** A queue as configured; its Asterisk name is `q<number>`, the app's naming. */
export type SimQueueConfig = {
  number: string;
  strategy?: string;
  /** Extension numbers; each becomes member PJSIP/<number>. */
  members: string[];
  timeoutS?: number;
  serviceLevel?: number;
};

export type SimWorldOptions = {
  /** How many extensions (PJSIP/<first>…). Default 20. */
  extensions?: number;
  /** Default 1000. */
  firstExtension?: number;
  /** Caller-ID name of an extension; default `Ext <number>` as in the recordings. */
  extensionName?: (number: string) => string;
  /** Extensions with no contact: UNAVAILABLE, never rung. */
  unregistered?: string[];
  /** A count (q5000, q5001 … with overlapping members) or explicit queues. Default 4. */
  queues?: number | SimQueueConfig[];
  /** Default 5000. */
  firstQueue?: number;
  /** Members per generated queue. Default: enough for each phone to be in about two queues, at most 12. */
  membersPerQueue?: number;
  /** The phones' dialplan context (channel `Context:`). Default `sb-internal`. */
  context?: string;
  /** The context ExtensionStatus reports for the phone hints. Default `sb-extensions`, where the compiled dialplan defines them. */
  hintContext?: string;
  /** Voicemail context (MWI:<ext>@<context> devices). Default `switchboard`. */
  voicemailContext?: string;
  /** ConfBridge rooms with a `confbridge:<room>` hint. Default ["800"]. */
  conferenceRooms?: string[];
  /** Parking lot `default` spaces, inclusive. Default [701, 720]. */
  parkingSpaces?: [number, number];
  /** Default 45 (the lot's parkingtime). */
  parkingTimeoutS?: number;
  /** Endpoint name that external callers arrive on (PJSIP/<trunk>-…). Default `trunk`. */
  trunk?: string;
  /**
   * `recorded` (default) reproduces the golden transcripts: a phone with any channel is BUSY.
   * `pjsip` follows chan_pjsip without device_state_busy_at: RINGING, INUSE, ONHOLD.
   */
  deviceStates?: "recorded" | "pjsip";
  /**
   * `recorded` (default) sends `Cdr` events as the transcripts have them; `switchboard` appends
   * LinkedID and Sequence, as Switchboard's cdr_manager.conf `[mappings]` do on a real deployment
   * (the call history joins records to their call by them).
   */
  cdrFields?: "recorded" | "switchboard";
  /** Queue members' `ringinuse`; the app renders `ringinuse=no`. Default false. */
  ringinuse?: boolean;
  /** Wall clock in epoch ms, for Timestamp/Uniqueid; default Date.now. */
  clock?: () => number;
};

export type ResolvedWorldOptions = Required<Omit<SimWorldOptions, "queues" | "unregistered">> & {
  queues: SimQueueConfig[];
  unregistered: string[];
};

export function resolveWorldOptions(options: SimWorldOptions): ResolvedWorldOptions {
  const extensions = options.extensions ?? 20;
  const firstExtension = options.firstExtension ?? 1000;
  const firstQueue = options.firstQueue ?? 5000;
  const queueCount = typeof options.queues === "number" ? options.queues : 4;
  // Each phone sits in about two queues, up to a dozen agents a queue (a ringall of 30 is not a call centre).
  const membersPerQueue = Math.min(
    options.membersPerQueue ??
      Math.min(12, Math.max(2, Math.ceil((extensions * 2) / Math.max(1, queueCount)))),
    extensions,
  );
  const queues =
    typeof options.queues === "object"
      ? options.queues
      : generatedQueues(queueCount, firstQueue, firstExtension, extensions, membersPerQueue);
  return {
    extensions,
    firstExtension,
    extensionName: options.extensionName ?? ((n) => `Ext ${n}`),
    unregistered: options.unregistered ?? [],
    queues,
    firstQueue,
    membersPerQueue,
    context: options.context ?? "sb-internal",
    hintContext: options.hintContext ?? "sb-extensions",
    voicemailContext: options.voicemailContext ?? "switchboard",
    conferenceRooms: options.conferenceRooms ?? ["800"],
    parkingSpaces: options.parkingSpaces ?? [701, 720],
    parkingTimeoutS: options.parkingTimeoutS ?? 45,
    trunk: options.trunk ?? "trunk",
    deviceStates: options.deviceStates ?? "recorded",
    ringinuse: options.ringinuse ?? false,
    cdrFields: options.cdrFields ?? "recorded",
    clock: options.clock ?? Date.now,
  };
}

const STRATEGIES = ["ringall", "rrmemory", "leastrecent", "fewestcalls"] as const;

/** Queue i gets a window of extensions that half-overlaps queue i-1's, so agents sit in two queues. */
function generatedQueues(
  count: number,
  firstQueue: number,
  firstExtension: number,
  extensions: number,
  perQueue: number,
): SimQueueConfig[] {
  const step = Math.max(1, Math.floor(perQueue / 2));
  return Array.from({ length: count }, (_, i) => ({
    number: String(firstQueue + i),
    strategy: STRATEGIES[i % STRATEGIES.length],
    members: Array.from({ length: perQueue }, (_, j) =>
      String(firstExtension + ((i * step + j) % extensions)),
    ),
  }));
}
