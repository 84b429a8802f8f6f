import type { Prng } from "./prng";
import { asteriskTimestamp, formatMessage, type WireHeaders } from "./wire-format";
import {
  type ResolvedWorldOptions,
  resolveWorldOptions,
  type SimQueueConfig,
  type SimWorldOptions,
} from "./world-options";
import type {
  ChannelState,
  DeviceState,
  SimBridge,
  SimChannel,
  SimConference,
  SimExtension,
  SimHint,
  SimMember,
  SimParkedCall,
  SimQueue,
} from "./world-types";

/** An event as it goes out: written once, sent to every session that wants its class. */
export type SimEvent = { name: string; privilege: string; raw: string };

/**
 * The simulated Asterisk: every channel, bridge, device, queue, parked call and conference. It is
 * the single source of truth for the list actions, and the event primitives (channel-events.ts,
 * bridge-events.ts, …) change it and emit the matching event in one call, so what a client hears
 * and what a list action answers never disagree between two steps.
 */
export class SimWorld {
  readonly options: ResolvedWorldOptions;
  readonly extensions = new Map<string, SimExtension>();
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  /** Every cached device state, as DeviceStateList reports it. */
  readonly devices = new Map<string, DeviceState>();
  readonly queues = new Map<string, SimQueue>();
  /** Parked calls by space. */
  readonly parked = new Map<string, SimParkedCall>();
  readonly conferences = new Map<string, SimConference>();
  /** AstDB: `/<family>/<key>` → value (DBPut, DBDel, DBDelTree, DBGetTree). */
  readonly astdb = new Map<string, string>();
  readonly hints: SimHint[] = [];
  readonly startedAt: number;
  eventCount = 0;
  processedCalls = 0;
  private channelSeq = 0;
  private uniqueSeq = 0;
  private cdrSeq = 0;
  private readonly listeners = new Set<(event: SimEvent) => void>();

  constructor(
    options: SimWorldOptions,
    readonly prng: Prng,
  ) {
    this.options = resolveWorldOptions(options);
    this.startedAt = this.now();
    this.build();
  }

  now(): number {
    return this.options.clock();
  }

  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Emits a live event: `Event`, `Privilege`, `Timestamp`, then the given headers. */
  emit(name: string, privilege: string, headers: WireHeaders): void {
    const raw = formatMessage([
      ["Event", name],
      ["Privilege", privilege],
      ["Timestamp", asteriskTimestamp(this.now())],
      ...headers,
    ]);
    this.eventCount += 1;
    for (const listener of this.listeners) listener({ name, privilege, raw });
  }

  channelByName(name: string): SimChannel | undefined {
    for (const ch of this.channels.values()) if (ch.name === name) return ch;
    return undefined;
  }

  /** Live channels of an endpoint (`1001`), oldest first. */
  channelsOf(endpoint: string): SimChannel[] {
    return [...this.channels.values()].filter((ch) => ch.endpoint === endpoint && !ch.dying);
  }

  /** A fresh channel in the world, no event yet (channel-events.ts emits Newchannel). */
  createChannel(init: {
    tech: "PJSIP" | "Local";
    resource: string;
    endpoint: string | null;
    state: ChannelState;
    callerIdNum: string;
    callerIdName: string;
    exten: string;
    owner: number;
    linkedid?: string;
    context?: string;
  }): SimChannel {
    const now = this.now();
    const uniqueid = `${Math.floor(now / 1000)}.${this.uniqueSeq++}`;
    const seq = (this.channelSeq++).toString(16).padStart(8, "0");
    const ch: SimChannel = {
      name: `${init.tech}/${init.resource}-${seq}`,
      uniqueid,
      linkedid: init.linkedid ?? uniqueid,
      endpoint: init.endpoint,
      state: init.state,
      callerIdNum: init.callerIdNum,
      callerIdName: init.callerIdName,
      connectedLineNum: "",
      connectedLineName: "",
      context: init.context ?? this.options.context,
      exten: init.exten,
      priority: 1,
      application: "",
      applicationData: "",
      bridgeId: null,
      onHold: false,
      recording: false,
      createdAt: now,
      answeredAt: null,
      owner: init.owner,
      dying: false,
      cdr: null,
      dialing: [],
      dialedBy: null,
      queueCall: null,
      spying: null,
    };
    this.channels.set(uniqueid, ch);
    if (!init.linkedid) this.processedCalls += 1;
    return ch;
  }

  /** Memberships of an interface (`PJSIP/1001`), in queue order. */
  membershipsOf(iface: string): SimMember[] {
    const out: SimMember[] = [];
    for (const queue of this.queues.values()) {
      const member = queue.members.get(iface);
      if (member) out.push(member);
    }
    return out;
  }

  isExtension(number: string): boolean {
    return this.extensions.has(number);
  }

  /** CDR records' Sequence, a process-wide counter as in Asterisk's cdr.c. */
  nextCdrSequence(): number {
    return this.cdrSeq++;
  }

  private build() {
    const o = this.options;
    const unregistered = new Set(o.unregistered);
    for (let i = 0; i < o.extensions; i++) {
      const number = String(o.firstExtension + i);
      const registered = !unregistered.has(number);
      const token = this.prng.uuid().replaceAll("-", "");
      this.extensions.set(number, {
        number,
        name: o.extensionName(number),
        registered,
        contact: {
          objectName: `${number};@${token}`,
          callId: token.slice(0, 16),
          viaPort: 5060 + 2 * i,
          uri: `sip:${number}@10.0.${Math.floor(i / 250)}.${(i % 250) + 2}:${5060 + 2 * i}`,
        },
      });
      this.hints.push({ exten: number, context: o.hintContext, hint: `PJSIP/${number}` });
      this.devices.set(`PJSIP/${number}`, registered ? "NOT_INUSE" : "UNAVAILABLE");
      this.devices.set(`MWI:${number}@${o.voicemailContext}`, "NOT_INUSE");
    }
    this.devices.set(`PJSIP/${o.trunk}`, "NOT_INUSE");
    for (const room of o.conferenceRooms) {
      this.hints.push({ exten: room, context: o.hintContext, hint: `confbridge:${room}` });
    }
    for (let space = o.parkingSpaces[0]; space <= o.parkingSpaces[1]; space++) {
      this.hints.push({ exten: String(space), context: "parkedcalls", hint: `park:${space}@parkedcalls` });
    }
    const loginTime = Math.floor(this.startedAt / 1000);
    for (const config of o.queues) this.addQueue(config, loginTime);
  }

  private addQueue(config: SimQueueConfig, loginTime: number) {
    const name = `q${config.number}`;
    const queue: SimQueue = {
      name,
      number: config.number,
      strategy: config.strategy ?? "ringall",
      timeoutS: config.timeoutS ?? 15,
      serviceLevel: config.serviceLevel ?? 20,
      weight: 0,
      members: new Map(),
      entries: [],
      completed: 0,
      abandoned: 0,
      holdTime: 0,
      talkTime: 0,
      withinServiceLevel: 0,
      nextMember: 0,
    };
    for (const number of config.members) {
      const ext = this.extensions.get(number);
      if (!ext) throw new Error(`Queue ${name}: member ${number} is not a simulated extension`);
      const iface = `PJSIP/${number}`;
      queue.members.set(iface, {
        queue: name,
        interface: iface,
        name: ext.name,
        stateInterface: iface,
        membership: "static",
        penalty: 0,
        callsTaken: 0,
        lastCall: 0,
        lastPause: 0,
        loginTime,
        inCall: false,
        paused: false,
        pausedReason: "",
        ringinuse: this.options.ringinuse,
        wrapuptime: 0,
      });
      this.devices.set(`Queue:${name}_pause_${iface}`, "NOT_INUSE");
    }
    const anyAvailable = config.members.some((n) => this.extensions.get(n)?.registered);
    this.devices.set(`Queue:${name}_avail`, anyAvailable ? "NOT_INUSE" : "INUSE");
    this.queues.set(name, queue);
  }
}
