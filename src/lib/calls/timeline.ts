/**
 * A call's timeline: every source's steps merged in time order. Sources are the CDR records, queue
 * events and the routing steps the dialplan announced (`SwitchboardRoute` UserEvents).
 */

export type TimelineStep = {
  at: Date;
  source: "cdr" | "queue" | "route" | "wrap-up";
  /** Short label, plain text (rendered escaped). */
  title: string;
  detail?: string;
};

export type TimelineLeg = {
  id: number;
  calldate: Date;
  answer: Date | null;
  end: Date | null;
  channel: string;
  dstchannel: string;
  src: string;
  dst: string;
  lastapp: string;
  disposition: string;
  billsec: number;
};

export type TimelineQueueEvent = {
  id: number;
  occurredAt: Date;
  kind: string;
  queue: string;
  interface: string | null;
  holdTime: number | null;
  talkTime: number | null;
  reason: string | null;
};

export type TimelineSource<T> = (rows: readonly T[]) => TimelineStep[];

export const cdrSteps: TimelineSource<TimelineLeg> = (legs) =>
  legs.flatMap((leg) => {
    const who = `${leg.channel || leg.src || "?"} → ${leg.dstchannel || leg.dst || "?"}`;
    const steps: TimelineStep[] = [
      {
        at: leg.calldate,
        source: "cdr",
        title: `Call to ${leg.dst || "?"}`,
        detail: `${who} (${leg.lastapp || "—"})`,
      },
    ];
    if (leg.answer) steps.push({ at: leg.answer, source: "cdr", title: "Answered", detail: who });
    if (leg.end)
      steps.push({
        at: leg.end,
        source: "cdr",
        title: leg.disposition || "Ended",
        detail: `${who}, ${leg.billsec} s billed`,
      });
    return steps;
  });

const QUEUE_TITLES: Record<string, string> = {
  join: "Joined queue",
  leave: "Left queue",
  abandon: "Abandoned in queue",
  connect: "Agent connected",
  complete: "Agent call completed",
  ringnoanswer: "Agent did not answer",
};

export const queueSteps: TimelineSource<TimelineQueueEvent> = (events) =>
  events
    .filter((e) => QUEUE_TITLES[e.kind])
    .map((e) => ({
      at: e.occurredAt,
      source: "queue" as const,
      title: `${QUEUE_TITLES[e.kind]} ${e.queue}`,
      detail: [
        e.interface,
        e.holdTime !== null ? `waited ${e.holdTime} s` : null,
        e.talkTime !== null ? `talked ${e.talkTime} s` : null,
        e.reason,
      ]
        .filter(Boolean)
        .join(", "),
    }));

export type TimelineWrapup = {
  savedAt: Date | null;
  status: string;
  queue: string;
  extension: string;
  agentName: string | null;
  dispositionLabel: string | null;
  notes: string;
};

/** The agents' saved wrap-ups, at the time they saved them. */
export const wrapupSteps: TimelineSource<TimelineWrapup> = (wrapups) =>
  wrapups
    .filter((w) => w.status === "saved" && w.savedAt)
    .map((w) => ({
      at: w.savedAt as Date,
      source: "wrap-up" as const,
      title: `Disposition: ${w.dispositionLabel ?? "?"}`,
      detail: [`${w.agentName ?? w.extension} (${w.queue})`, w.notes || null].filter(Boolean).join(": "),
    }));

export type TimelineRouteEvent = { occurredAt: Date; step: string; target: string; detail: string };

const ROUTE_TITLES: Record<string, (e: TimelineRouteEvent) => string> = {
  did: (e) => `Inbound number ${e.target}`,
  callerid: (e) => `Caller-ID rule ${e.detail} of ${e.target}`,
  blocklist: (e) => (e.detail === "allowed" ? "Caller on an allow list" : "Caller refused by a list"),
  timecondition: (e) => `Time condition ${e.target}: ${e.detail}`,
  ivr: (e) => `IVR ${e.target}`,
  "ivr-input": (e) => `IVR ${e.target} input ${e.detail}`,
  ringtree: (e) => `Ring tree ${e.target}, node ${e.detail}`,
  destination: (e) => (e.detail === "hangup" ? "Routed to hang up" : `Routed to ${e.detail} ${e.target}`),
  outbound: (e) => `Outbound route ${e.target} via ${e.detail}`,
};

export const routeSteps: TimelineSource<TimelineRouteEvent> = (events) =>
  events.map((e) => ({
    at: e.occurredAt,
    source: "route" as const,
    title: (ROUTE_TITLES[e.step] ?? ((x: TimelineRouteEvent) => `Route step ${x.step}`))(e),
    detail: e.step === "blocklist" ? `list ${e.target}` : undefined,
  }));

/** Steps from every source, oldest first; a stable sort keeps each source's own order on ties. */
export function mergeTimeline(...sources: TimelineStep[][]): TimelineStep[] {
  return sources.flat().sort((a, b) => a.at.getTime() - b.at.getTime());
}
