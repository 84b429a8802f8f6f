import type { AmiEvent } from "@/lib/asterisk/ami/message";
import type { NewCdrRow, NewQueueEventRow, QueueEventKind } from "@/lib/db/schema/live";

/**
 * Pure mappings from AMI events to the rows the listener persists. Each row carries a key made
 * from the event itself (Event, Timestamp to the microsecond, queue, channel, member), so the
 * same event stored twice (a reconnect, a replay) hits the unique index and is skipped.
 */

const QUEUE_EVENT_KINDS: Record<string, QueueEventKind> = {
  QueueCallerJoin: "join",
  QueueCallerLeave: "leave",
  QueueCallerAbandon: "abandon",
  AgentConnect: "connect",
  AgentComplete: "complete",
  AgentRingNoAnswer: "ringnoanswer",
  QueueMemberAdded: "add",
  QueueMemberRemoved: "remove",
};

export function queueEventRow(event: AmiEvent): NewQueueEventRow | null {
  const f = event.fields;
  let kind = QUEUE_EVENT_KINDS[event.event];
  if (event.event === "QueueMemberPause") kind = f.Paused === "1" ? "pause" : "unpause";
  if (!kind || !f.Queue) return null;
  const at = eventTime(event);
  if (!at) return null;
  return {
    dedupeKey: dedupeKey(event),
    occurredAt: at,
    kind,
    queue: f.Queue,
    uniqueid: f.Uniqueid || null,
    linkedid: f.Linkedid || null,
    interface: f.Interface || null,
    memberName: f.MemberName || null,
    callerIdNum: f.CallerIDNum || null,
    position: intOrNull(f.Position),
    holdTime: intOrNull(f.HoldTime),
    talkTime: intOrNull(f.TalkTime),
    reason:
      kind === "pause" || kind === "unpause"
        ? f.PausedReason || null
        : kind === "ringnoanswer"
          ? (f.RingTime ?? null)
          : f.Reason || null,
  };
}

/** What an agent-session change means for the agent_sessions table. */
export type AgentSessionStep =
  | {
      op: "open";
      kind: "login" | "pause";
      dedupeKey: string;
      interface: string;
      queue: string;
      reason: string | null;
      at: Date;
    }
  | { op: "close"; kind: "login" | "pause"; interface: string; queue: string; at: Date };

export function agentSessionSteps(event: AmiEvent): AgentSessionStep[] {
  const f = event.fields;
  const at = eventTime(event);
  if (!at || !f.Queue || !f.Interface) return [];
  const base = { interface: f.Interface, queue: f.Queue, at };
  switch (event.event) {
    case "QueueMemberAdded": {
      const steps: AgentSessionStep[] = [
        { op: "open", kind: "login", dedupeKey: dedupeKey(event), reason: null, ...base },
      ];
      if (f.Paused === "1") {
        steps.push({
          op: "open",
          kind: "pause",
          dedupeKey: `${dedupeKey(event)}|pause`,
          reason: f.PausedReason || null,
          ...base,
        });
      }
      return steps;
    }
    case "QueueMemberRemoved":
      return [
        { op: "close", kind: "pause", ...base },
        { op: "close", kind: "login", ...base },
      ];
    case "QueueMemberPause":
      return f.Paused === "1"
        ? [
            // A new reason while paused closes the old interval and opens one with the new reason.
            { op: "close", kind: "pause", ...base },
            {
              op: "open",
              kind: "pause",
              dedupeKey: dedupeKey(event),
              reason: f.PausedReason || null,
              ...base,
            },
          ]
        : [{ op: "close", kind: "pause", ...base }];
    default:
      return [];
  }
}

/**
 * A CDR row from cdr_manager's `Cdr` event. Its StartTime/AnswerTime/EndTime are Asterisk's
 * local wall-clock strings with no zone, so the zone is recovered from the event's own UTC
 * `Timestamp`, sent the moment the record was posted (at EndTime): the difference, rounded to
 * a quarter hour, is Asterisk's UTC offset.
 *
 * `LinkedID` and `Sequence` come from cdr_manager.conf `[mappings]` (see asterisk-templates);
 * with them, a row matches the one cdr_pgsql writes for the same record. Without a Sequence the
 * row gets a stable negative pseudo-sequence from its contents, so it is still idempotent.
 */
export function cdrRow(event: AmiEvent): NewCdrRow | null {
  if (event.event !== "Cdr") return null;
  const f = event.fields;
  if (!f.UniqueID || !f.StartTime) return null;
  const offsetMs = utcOffsetMs(f.EndTime, event.fields.Timestamp);
  const local = (v: string | undefined) => {
    const ms = parseLocal(v);
    return ms === null ? null : new Date(ms - offsetMs);
  };
  const calldate = local(f.StartTime);
  if (!calldate) return null;
  const sequence = f.Sequence && /^\d+$/.test(f.Sequence) ? Number(f.Sequence) : -pseudoSequence(f);
  return {
    calldate,
    answer: local(f.AnswerTime),
    end: local(f.EndTime),
    clid: f.CallerID ?? "",
    src: f.Source ?? "",
    dst: f.Destination ?? "",
    dcontext: f.DestinationContext ?? "",
    channel: f.Channel ?? "",
    dstchannel: f.DestinationChannel ?? "",
    lastapp: f.LastApplication ?? "",
    lastdata: (f.LastData ?? "").slice(0, 256),
    duration: intOrNull(f.Duration) ?? 0,
    billsec: intOrNull(f.BillableSeconds) ?? 0,
    disposition: f.Disposition ?? "",
    amaflags: f.AMAFlags ?? "",
    accountcode: f.AccountCode ?? "",
    uniqueid: f.UniqueID,
    linkedid: f.LinkedID ?? "",
    userfield: f.UserField ?? "",
    sequence,
    origin: "ami",
  };
}

/** A queue call an agent just completed: what opens their wrap-up. */
export type WrapupCandidate = {
  dedupeKey: string;
  queue: string;
  extension: string;
  linkedid: string;
  uniqueid: string | null;
  callerIdNum: string | null;
  at: Date;
};

/**
 * AgentComplete for a member that is one of our phones (`PJSIP/<extension>`, how the app and
 * queues.conf add members) opens a wrap-up; Local or other channel members have no user to ask.
 * Keyed on the event itself, like its queue_events row, so a replay opens nothing twice.
 */
export function wrapupCandidate(event: AmiEvent): WrapupCandidate | null {
  if (event.event !== "AgentComplete") return null;
  const f = event.fields;
  const extension = /^PJSIP\/([0-9]{2,8})$/.exec(f.Interface ?? "")?.[1];
  const linkedid = f.Linkedid || f.Uniqueid;
  const at = eventTime(event);
  if (!extension || !f.Queue || !linkedid || !at) return null;
  return {
    dedupeKey: dedupeKey(event),
    queue: f.Queue.slice(0, 80),
    extension,
    linkedid: linkedid.slice(0, 40),
    uniqueid: f.Uniqueid?.slice(0, 40) || null,
    callerIdNum: f.CallerIDNum?.slice(0, 80) || null,
    at,
  };
}

export function eventTime(event: AmiEvent): Date | null {
  const ts = Number(event.fields.Timestamp);
  return Number.isFinite(ts) && ts > 0 ? new Date(Math.round(ts * 1000)) : null;
}

function dedupeKey(event: AmiEvent): string {
  const f = event.fields;
  return [event.event, f.Timestamp ?? "", f.Queue ?? "", f.Uniqueid ?? "", f.Interface ?? ""]
    .join("|")
    .slice(0, 200);
}

function intOrNull(v: string | undefined): number | null {
  if (v === undefined || !/^-?\d+$/.test(v)) return null;
  return Number(v);
}

/** `2026-11-22 03:58:28` read as if it were UTC, in ms; null when empty or malformed. */
function parseLocal(v: string | undefined): number | null {
  const m = v?.match(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/);
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function utcOffsetMs(localEnd: string | undefined, timestamp: string | undefined): number {
  const local = parseLocal(localEnd);
  const utc = Number(timestamp) * 1000;
  if (local === null || !Number.isFinite(utc)) return 0;
  const quarter = 15 * 60 * 1000;
  return Math.round((local - utc) / quarter) * quarter;
}

/** FNV-1a over the fields that tell a channel's records apart; 31 bits, never 0. */
function pseudoSequence(f: Readonly<Record<string, string>>): number {
  const text = [
    f.UniqueID,
    f.DestinationChannel,
    f.StartTime,
    f.AnswerTime,
    f.LastApplication,
    f.Destination,
  ].join("|");
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 1 || 1;
}
