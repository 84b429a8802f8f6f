import {
  BlfState,
  type LiveCallQuality,
  type LiveChannel,
  type LiveConference,
  type LiveParkedCall,
  type LiveQueueEntry,
  type LiveQueueMember,
  type LiveState,
  type SpyMode,
} from "@/lib/asterisk/live/types";

/**
 * What the panel's sections show, derived from the live state and the server's directory.
 * Pure: no clock (callers pass `now` where a duration is shown), no React.
 */

export type ExtensionTile = {
  number: string;
  name: string;
  state: BlfState;
  /** When the BLF state last changed, null when Asterisk has never reported it. */
  since: number | null;
  /** The extension's current call leg (the most recent), if any. */
  call: LiveChannel | null;
  /** The other party of that call as Asterisk names it (connected line, else caller ID). */
  peer: { num: string; name: string } | null;
  /** A leg of this extension that is ringing now (what a pickup takes). */
  ringing: LiveChannel | null;
  /** Paused in at least one queue: the reason (break code) and since when. */
  paused: { reason: string; since: number | null } | null;
  /** Asterisk queue names this extension is a member of now. */
  queues: string[];
  /** What the extension's browser phone last reported about its call, if anything. */
  quality: LiveCallQuality | null;
};

export function extensionTiles(
  directory: { number: string; name: string }[],
  state: LiveState | null,
): ExtensionTile[] {
  const hints = new Map<string, { state: BlfState; since: number }>();
  const legs = new Map<string, LiveChannel[]>();
  const memberships = new Map<string, { queue: string; member: LiveQueueMember }[]>();
  if (state) {
    for (const h of Object.values(state.extensions)) {
      // Phones' own hints, not park:/confbridge: hints that share a number.
      if (h.hint.startsWith("PJSIP/") || !hints.has(h.exten)) hints.set(h.exten, h);
    }
    for (const c of Object.values(state.channels)) {
      if (!c.endpoint || c.spying) continue;
      legs.set(c.endpoint, [...(legs.get(c.endpoint) ?? []), c]);
    }
    for (const q of Object.values(state.queues)) {
      for (const m of Object.values(q.members)) {
        const ext = /^PJSIP\/(.+)$/.exec(m.interface)?.[1];
        if (ext) memberships.set(ext, [...(memberships.get(ext) ?? []), { queue: q.name, member: m }]);
      }
    }
  }
  return directory.map(({ number, name }) => {
    const hint = hints.get(number) ?? state?.devices[`PJSIP/${number}`];
    const mine = (legs.get(number) ?? []).sort((a, b) => b.createdAt - a.createdAt);
    const call = mine[0] ?? null;
    const pausedIn = (memberships.get(number) ?? []).filter((m) => m.member.paused);
    return {
      number,
      name,
      state: hint?.state ?? BlfState.Unavailable,
      since: hint?.since ?? null,
      call,
      peer: call ? peerOf(call, number) : null,
      ringing: mine.find((c) => c.state === "Ringing") ?? null,
      paused: pausedIn.length
        ? { reason: pausedIn[0]!.member.pausedReason, since: pausedIn[0]!.member.pausedSince }
        : null,
      queues: (memberships.get(number) ?? []).map((m) => m.queue),
      quality: state?.quality?.[number] ?? null,
    };
  });
}

function peerOf(call: LiveChannel, self: string): { num: string; name: string } | null {
  if (call.connectedLineNum && call.connectedLineNum !== self) {
    return { num: call.connectedLineNum, name: call.connectedLineName };
  }
  if (call.callerIdNum && call.callerIdNum !== self)
    return { num: call.callerIdNum, name: call.callerIdName };
  return null;
}

export type CallGroup = {
  linkedid: string;
  /** Every leg, oldest first; the first is where the call came from. */
  legs: LiveChannel[];
  startedAt: number;
  answeredAt: number | null;
  onHold: boolean;
  recording: boolean;
  ringing: boolean;
  /** Supervisors listening in: their extension and mode. */
  spies: { extension: string; mode: SpyMode | null }[];
};

/** Calls (legs grouped by Linkedid), newest first. ChanSpy legs show as spies, not as calls. */
export function callGroups(state: LiveState | null): CallGroup[] {
  if (!state) return [];
  const groups = new Map<string, LiveChannel[]>();
  const spies: LiveChannel[] = [];
  for (const c of Object.values(state.channels)) {
    if (c.spying) spies.push(c);
    else groups.set(c.linkedid, [...(groups.get(c.linkedid) ?? []), c]);
  }
  return [...groups.entries()]
    .map(([linkedid, legs]) => {
      legs.sort((a, b) => a.createdAt - b.createdAt || a.uniqueid.localeCompare(b.uniqueid));
      const names = new Set(legs.map((l) => l.name));
      const answered = legs.map((l) => l.answeredAt).filter((t): t is number => t !== null);
      return {
        linkedid,
        legs,
        startedAt: legs[0]!.createdAt,
        answeredAt: answered.length ? Math.min(...answered) : null,
        onHold: legs.some((l) => l.onHold),
        recording: legs.some((l) => l.recording),
        ringing: legs.some((l) => l.state === "Ringing" || l.state === "Ring"),
        spies: spies
          .filter((s) => s.spying && names.has(s.spying.target))
          .map((s) => ({ extension: s.endpoint ?? s.callerIdNum, mode: s.spying!.mode })),
      };
    })
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** The leg of a call that belongs to one of these extensions (the agent's leg), if any. */
export function agentLeg(call: CallGroup, extensions: ReadonlySet<string>): LiveChannel | null {
  return call.legs.find((l) => l.endpoint !== null && extensions.has(l.endpoint)) ?? null;
}

/** The party a blind transfer or a park moves: the other side from the agent, else where the call came from. */
export function movableLeg(call: CallGroup, extensions: ReadonlySet<string>): LiveChannel {
  const agent = agentLeg(call, extensions);
  return call.legs.find((l) => l !== agent) ?? call.legs[0]!;
}

export type QueueCard = {
  name: string;
  number: string;
  label: string;
  serviceLevel: number;
  waiting: LiveQueueEntry[];
  /** joinedAt of the caller waiting longest, null when nobody waits. */
  longestSince: number | null;
  members: LiveQueueMember[];
  answered: number;
  abandoned: number;
  /** Answered within the service level, as a share of answered + abandoned; null before any call. */
  slaPercent: number | null;
};

export function queueCards(
  queues: { name: string; number: string; label: string }[],
  state: LiveState | null,
): QueueCard[] {
  return queues.map((q) => {
    const live = state?.queues[q.name];
    const waiting = live ? Object.values(live.entries).sort((a, b) => a.position - b.position) : [];
    const today = live?.today ?? { answered: 0, abandoned: 0, answeredWithinSla: 0 };
    const total = today.answered + today.abandoned;
    return {
      ...q,
      serviceLevel: live?.serviceLevel ?? 0,
      waiting,
      longestSince: waiting.length ? Math.min(...waiting.map((w) => w.joinedAt)) : null,
      members: live ? Object.values(live.members).sort((a, b) => a.name.localeCompare(b.name)) : [],
      answered: today.answered,
      abandoned: today.abandoned,
      slaPercent: total ? Math.round((today.answeredWithinSla / total) * 100) : null,
    };
  });
}

export function parkedCalls(state: LiveState | null): LiveParkedCall[] {
  return state
    ? Object.values(state.parked).sort((a, b) => a.slot.localeCompare(b.slot, "en", { numeric: true }))
    : [];
}

export function conferences(state: LiveState | null): (LiveConference & { members: LiveChannel[] })[] {
  if (!state) return [];
  return Object.values(state.conferences)
    .map((c) => ({
      ...c,
      members: c.participants.map((id) => state.channels[id]).filter((m): m is LiveChannel => Boolean(m)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
}

/** 0:07, 12:34, 1:02:03. Negative (clock skew) reads as 0:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** "Alice Smith <5551234>", "5551234", or "Unknown caller": always plain text, never markup. */
export function callerLabel(num: string, name: string): string {
  const n = name.trim();
  const d = num.trim();
  if (n && d && n !== d) return `${n} <${d}>`;
  return n || d || "Unknown caller";
}
