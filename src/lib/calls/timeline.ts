/**
 * A call's timeline: every source's steps merged in time order. Sources today are the CDR
 * records and queue events; the `SwitchboardRoute` UserEvents of the routing work have no table
 * yet, and become one more `TimelineSource` (a function from their rows to steps) when they do.
 */

export type TimelineStep = {
  at: Date;
  source: "cdr" | "queue" | "route";
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

/** Steps from every source, oldest first; a stable sort keeps each source's own order on ties. */
export function mergeTimeline(...sources: TimelineStep[][]): TimelineStep[] {
  return sources.flat().sort((a, b) => a.at.getTime() - b.at.getTime());
}
