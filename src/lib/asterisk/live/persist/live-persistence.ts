import { and, eq, isNull } from "drizzle-orm";
import { openWrapups } from "@/lib/agent/open-wrapups";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { writeAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { type NewRouteEventRow, routeEvents } from "@/lib/db/schema/inbound";
import { agentSessions, cdr, type NewCdrRow, type NewQueueEventRow, queueEvents } from "@/lib/db/schema/live";
import { supervisionSessions } from "@/lib/db/schema/panel";
import { routeEventRow } from "@/lib/routing/route-events";
import type { LiveState } from "../types";
import {
  type AgentSessionStep,
  agentSessionSteps,
  cdrRow,
  eventTime,
  queueEventRow,
  type WrapupCandidate,
  wrapupCandidate,
} from "./persist-mappers";

/** A spy leg may still be ringing the supervisor's phone this long after the Originate. */
const SPY_SETUP_GRACE_MS = 60_000;

export type LivePersistenceOptions = {
  db: Db;
  /** Rows are written at least this often. Default 250 ms. */
  flushEveryMs?: number;
  /** …or as soon as this many are buffered. Default 500. */
  maxBuffered?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
  /** Users who got a new pending wrap-up (their browsers are told over the bus). */
  onWrapups?: (userIds: string[]) => void;
};

/**
 * Writes queue events, agent login/pause intervals, CDRs and the end of supervision sessions
 * to PostgreSQL. Everything is idempotent (see persist-mappers.ts), and every write runs on one
 * chain, in event order, so a pause is never closed before it was opened. The AMI event loop
 * never waits on it: `handle()` only buffers.
 */
export class LivePersistence {
  private queueRows: NewQueueEventRow[] = [];
  private cdrRows: NewCdrRow[] = [];
  private routeRows: NewRouteEventRow[] = [];
  private steps: AgentSessionStep[] = [];
  private spyEnds: { uniqueid: string; at: Date }[] = [];
  private wrapups: WrapupCandidate[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly flushEveryMs: number;
  private readonly maxBuffered: number;
  private readonly now: () => number;
  /** Uniqueids of ChanSpy legs the app originated (from the `spy` live command). */
  private readonly spyLegs = new Set<string>();

  constructor(private readonly options: LivePersistenceOptions) {
    this.flushEveryMs = options.flushEveryMs ?? 250;
    this.maxBuffered = options.maxBuffered ?? 500;
    this.now = options.now ?? Date.now;
  }

  noteSpyLeg(uniqueid: string): void {
    this.spyLegs.add(uniqueid);
  }

  handle(event: AmiEvent): void {
    const queueRow = queueEventRow(event);
    if (queueRow) this.queueRows.push(queueRow);
    const steps = agentSessionSteps(event);
    if (steps.length) this.steps.push(...steps);
    const cdrEntry = cdrRow(event);
    if (cdrEntry) this.cdrRows.push(cdrEntry);
    const wrapup = wrapupCandidate(event);
    if (wrapup) this.wrapups.push(wrapup);
    const routeRow = routeEventRow(event);
    if (routeRow) this.routeRows.push(routeRow);
    if (event.event === "Hangup" && event.fields.Uniqueid && this.spyLegs.delete(event.fields.Uniqueid)) {
      this.spyEnds.push({ uniqueid: event.fields.Uniqueid, at: eventTime(event) ?? new Date(this.now()) });
    }
    const buffered =
      this.queueRows.length +
      this.cdrRows.length +
      this.steps.length +
      this.spyEnds.length +
      this.wrapups.length +
      this.routeRows.length;
    if (buffered >= this.maxBuffered) void this.flush();
    else if (buffered > 0) this.timer ??= setTimeout(() => void this.flush(), this.flushEveryMs);
  }

  /**
   * After a (re)connect: intervals still open in the table that Asterisk no longer reports are
   * closed now, and members Asterisk reports logged in or paused without an open interval get
   * one from QueueStatus's LoginTime/LastPause. Changes missed while the listener was away are
   * therefore closed late, never left open.
   */
  reconcile(state: Pick<LiveState, "queues" | "channels">): Promise<void> {
    const at = new Date(this.now());
    const { queues, channels } = state;
    return this.enqueue(async () => {
      const { db } = this.options;
      // Supervision sessions whose spy leg is gone ended while nobody was listening; the rest are watched again.
      const spying = await db
        .select({ uniqueid: supervisionSessions.spyUniqueid, startedAt: supervisionSessions.startedAt })
        .from(supervisionSessions)
        .where(isNull(supervisionSessions.endedAt));
      for (const s of spying) {
        if (!s.uniqueid) continue;
        if (channels[s.uniqueid]) this.spyLegs.add(s.uniqueid);
        else if (at.getTime() - s.startedAt.getTime() > SPY_SETUP_GRACE_MS)
          await this.endSupervision(s.uniqueid, at);
        else this.spyLegs.add(s.uniqueid);
      }
      const open = await db
        .select({
          id: agentSessions.id,
          kind: agentSessions.kind,
          interface: agentSessions.interface,
          queue: agentSessions.queue,
        })
        .from(agentSessions)
        .where(isNull(agentSessions.endedAt));
      const openKeys = new Set(open.map((r) => `${r.kind}|${r.queue}|${r.interface}`));
      for (const row of open) {
        const member = queues[row.queue]?.members[row.interface];
        const stillTrue = row.kind === "login" ? member?.membership === "dynamic" : member?.paused === true;
        if (!stillTrue)
          await db
            .update(agentSessions)
            .set({ endedAt: at, updatedAt: at })
            .where(eq(agentSessions.id, row.id));
      }
      for (const queue of Object.values(queues)) {
        for (const member of Object.values(queue.members)) {
          const wanted: { kind: "login" | "pause"; since: number | null; reason: string | null }[] = [];
          if (member.membership === "dynamic") wanted.push({ kind: "login", since: null, reason: null });
          if (member.paused)
            wanted.push({ kind: "pause", since: member.pausedSince, reason: member.pausedReason || null });
          for (const w of wanted) {
            if (openKeys.has(`${w.kind}|${queue.name}|${member.interface}`)) continue;
            const startedAt = new Date(w.since ?? at.getTime());
            await db
              .insert(agentSessions)
              .values({
                dedupeKey: `resync|${w.kind}|${queue.name}|${member.interface}|${startedAt.getTime()}`,
                kind: w.kind,
                interface: member.interface,
                queue: queue.name,
                reason: w.reason,
                startedAt,
              })
              .onConflictDoNothing();
          }
        }
      }
    });
  }

  /** Writes what is buffered; resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const queueRows = this.queueRows;
    const cdrRows = this.cdrRows;
    const steps = this.steps;
    const spyEnds = this.spyEnds;
    const wrapups = this.wrapups;
    const routeRows = this.routeRows;
    this.routeRows = [];
    this.queueRows = [];
    this.cdrRows = [];
    this.steps = [];
    this.spyEnds = [];
    this.wrapups = [];
    if (
      !queueRows.length &&
      !cdrRows.length &&
      !steps.length &&
      !spyEnds.length &&
      !wrapups.length &&
      !routeRows.length
    )
      return this.chain;
    return this.enqueue(async () => {
      const { db } = this.options;
      if (queueRows.length) await db.insert(queueEvents).values(queueRows).onConflictDoNothing();
      if (cdrRows.length) await db.insert(cdr).values(cdrRows).onConflictDoNothing();
      if (routeRows.length) await db.insert(routeEvents).values(routeRows).onConflictDoNothing();
      for (const step of steps) await this.applyStep(step);
      for (const end of spyEnds) await this.endSupervision(end.uniqueid, end.at);
      if (wrapups.length) {
        const notify = await openWrapups(db, wrapups);
        if (notify.length) this.options.onWrapups?.(notify);
      }
    });
  }

  private async applyStep(step: AgentSessionStep) {
    const { db } = this.options;
    if (step.op === "open") {
      await db
        .insert(agentSessions)
        .values({
          dedupeKey: step.dedupeKey,
          kind: step.kind,
          interface: step.interface,
          queue: step.queue,
          reason: step.reason,
          startedAt: step.at,
        })
        .onConflictDoNothing();
      return;
    }
    await db
      .update(agentSessions)
      .set({ endedAt: step.at, updatedAt: new Date(this.now()) })
      .where(
        and(
          eq(agentSessions.interface, step.interface),
          eq(agentSessions.queue, step.queue),
          eq(agentSessions.kind, step.kind),
          isNull(agentSessions.endedAt),
        ),
      );
  }

  /** Closes the supervision session of a spy leg that hung up and audits how long it lasted. */
  private async endSupervision(uniqueid: string, at: Date) {
    const { db } = this.options;
    const ended = await db
      .update(supervisionSessions)
      .set({ endedAt: at, updatedAt: at })
      .where(and(eq(supervisionSessions.spyUniqueid, uniqueid), isNull(supervisionSessions.endedAt)))
      .returning();
    for (const s of ended) {
      await writeAudit({
        actor: { id: s.supervisorId, email: null, ip: null },
        action: `panel.${s.mode}.end`,
        entity: "call",
        entityId: s.targetChannel,
        entityLabel: s.targetExtension ?? s.targetChannel,
        after: {
          mode: s.mode,
          seconds: Math.max(0, Math.round((at.getTime() - s.startedAt.getTime()) / 1000)),
        },
      });
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error) => this.options.onError?.(error));
    return this.chain;
  }
}
