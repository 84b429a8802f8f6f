import type { LiveChannel, LiveState } from "../types";

/**
 * Who started the call, relative to this PBX, guessed from the legs: a leg is "ours" when it is
 * an endpoint some hint watches (`PJSIP/1001` behind hint 1001).
 * - internal: the first leg is ours and so is every other endpoint leg;
 * - outbound: the first leg is ours, another endpoint leg isn't (a trunk);
 * - inbound: the first leg is an endpoint that isn't ours (a trunk);
 * - unknown: the first leg is no endpoint (Local, an Originate to an application …).
 */
export type CallDirection = "internal" | "inbound" | "outbound" | "unknown";

/** One call as the panel lists it: every leg sharing a Linkedid. */
export type LiveCall = {
  linkedid: string;
  /** Oldest first; includes Local channel pairs (attended-transfer consultations, originates). */
  legs: LiveChannel[];
  /** Distinct bridges the legs are in, in leg order. */
  bridges: string[];
  startedAt: number;
  /** The first leg answered, null while nothing is. */
  answeredAt: number | null;
  /** Some leg is on hold. */
  onHold: boolean;
  /** The queue some leg went through, if any. */
  queue: string | null;
  direction: CallDirection;
};

/**
 * Calls grouped by Linkedid, newest first. O(channels + hints); derived on demand (the panel or
 * the SSE route), not kept in the store, so apply() stays O(1). The legs are the state's own
 * channel objects: read or serialize the result before the store applies the next event.
 */
export function callsOf(state: LiveState): LiveCall[] {
  const groups = new Map<string, LiveChannel[]>();
  for (const channel of Object.values(state.channels)) {
    const legs = groups.get(channel.linkedid);
    if (legs === undefined) groups.set(channel.linkedid, [channel]);
    else legs.push(channel);
  }
  const ours = new Set<string>();
  for (const extension of Object.values(state.extensions)) if (extension.hint) ours.add(extension.hint);

  const calls: LiveCall[] = [];
  for (const [linkedid, legs] of groups) {
    legs.sort(byAge);
    const bridges: string[] = [];
    let answeredAt: number | null = null;
    let queue: string | null = null;
    for (const leg of legs) {
      if (leg.bridgeId !== null && !bridges.includes(leg.bridgeId)) bridges.push(leg.bridgeId);
      if (leg.answeredAt !== null && (answeredAt === null || leg.answeredAt < answeredAt))
        answeredAt = leg.answeredAt;
      queue ??= leg.queue ?? null;
    }
    calls.push({
      linkedid,
      legs,
      bridges,
      startedAt: legs[0]?.createdAt ?? 0,
      answeredAt,
      onHold: legs.some((leg) => leg.onHold),
      queue,
      direction: directionOf(legs, ours),
    });
  }
  return calls.sort((a, b) => b.startedAt - a.startedAt || (a.linkedid < b.linkedid ? 1 : -1));
}

function directionOf(legs: LiveChannel[], ours: Set<string>): CallDirection {
  const first = legs[0];
  if (first === undefined || first.endpoint === null) return "unknown";
  if (!ours.has(deviceOf(first))) return "inbound";
  const external = legs.some((leg) => leg.endpoint !== null && !ours.has(deviceOf(leg)));
  return external ? "outbound" : "internal";
}

/** `PJSIP/1001-00000003` → `PJSIP/1001`, the device a hint names. */
function deviceOf(channel: LiveChannel): string {
  const dash = channel.name.lastIndexOf("-");
  return dash === -1 ? channel.name : channel.name.slice(0, dash);
}

/** Creation time, then the uniqueid's sequence number (`1795320120.1` before `1795320120.10`). */
function byAge(a: LiveChannel, b: LiveChannel): number {
  return a.createdAt - b.createdAt || sequenceOf(a.uniqueid) - sequenceOf(b.uniqueid);
}

function sequenceOf(uniqueid: string): number {
  const dot = uniqueid.lastIndexOf(".");
  const n = Number(uniqueid.slice(dot + 1));
  return Number.isFinite(n) ? n : 0;
}
