import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

/**
 * What the listener persists from AMI for analytics and QA. Every row carries a key derived
 * from the event itself, so replaying the same events (a reconnect, a catch-up) inserts nothing twice.
 */

export const queueEventKindEnum = pgEnum("queue_event_kind", [
  "join",
  "leave",
  "abandon",
  "connect",
  "complete",
  "ringnoanswer",
  "pause",
  "unpause",
  "add",
  "remove",
]);

export const queueEvents = pgTable(
  "queue_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** `<Event>|<Timestamp>|<Uniqueid>|<Interface>`: unique per AMI event. */
    dedupeKey: varchar({ length: 200 }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    kind: queueEventKindEnum().notNull(),
    queue: varchar({ length: 80 }).notNull(),
    uniqueid: varchar({ length: 40 }),
    linkedid: varchar({ length: 40 }),
    /** The member interface (PJSIP/1001) for agent events. */
    interface: varchar({ length: 120 }),
    memberName: varchar({ length: 120 }),
    callerIdNum: varchar({ length: 80 }),
    position: integer(),
    /** Seconds waited before connect/abandon, or talked before complete. */
    holdTime: integer(),
    talkTime: integer(),
    /** Pause reason, AgentComplete reason (caller/agent/transfer), or ring-no-answer time. */
    reason: varchar({ length: 120 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("queue_events_dedupe_key").on(t.dedupeKey),
    index("queue_events_queue_time_idx").on(t.queue, t.occurredAt),
    index("queue_events_linkedid_idx").on(t.linkedid),
    index("queue_events_interface_time_idx").on(t.interface, t.occurredAt),
  ],
);

export const agentSessionKindEnum = pgEnum("agent_session_kind", ["login", "pause"]);

/**
 * An agent's logged-in or paused interval in one queue. Opened by QueueMemberAdded / a pause,
 * closed by QueueMemberRemoved / an unpause (or by the listener's resync when Asterisk no longer
 * reports it). `reason` is the break code for pauses.
 */
export const agentSessions = pgTable(
  "agent_sessions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The opening event's dedupe key. */
    dedupeKey: varchar({ length: 200 }).notNull(),
    kind: agentSessionKindEnum().notNull(),
    interface: varchar({ length: 120 }).notNull(),
    queue: varchar({ length: 80 }).notNull(),
    reason: varchar({ length: 120 }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("agent_sessions_dedupe_key").on(t.dedupeKey),
    index("agent_sessions_open_idx").on(t.interface, t.queue, t.kind, t.endedAt),
    index("agent_sessions_started_idx").on(t.startedAt),
  ],
);

/**
 * Call detail records. Column names follow Asterisk's cdr_pgsql table (it maps columns by name),
 * so Asterisk can write here directly while the listener adds rows from `Cdr` events; both
 * land on the same (uniqueid, sequence) and the second insert is a no-op.
 */
export const cdr = pgTable(
  "cdr",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    calldate: timestamp({ withTimezone: true }).notNull(),
    answer: timestamp({ withTimezone: true }),
    end: timestamp({ withTimezone: true }),
    clid: varchar({ length: 160 }).notNull().default(""),
    src: varchar({ length: 80 }).notNull().default(""),
    dst: varchar({ length: 80 }).notNull().default(""),
    dcontext: varchar({ length: 80 }).notNull().default(""),
    channel: varchar({ length: 160 }).notNull().default(""),
    dstchannel: varchar({ length: 160 }).notNull().default(""),
    lastapp: varchar({ length: 80 }).notNull().default(""),
    lastdata: varchar({ length: 256 }).notNull().default(""),
    duration: integer().notNull().default(0),
    billsec: integer().notNull().default(0),
    disposition: varchar({ length: 45 }).notNull().default(""),
    amaflags: varchar({ length: 45 }).notNull().default(""),
    accountcode: varchar({ length: 80 }).notNull().default(""),
    uniqueid: varchar({ length: 40 }).notNull(),
    linkedid: varchar({ length: 40 }).notNull().default(""),
    userfield: varchar({ length: 256 }).notNull().default(""),
    peeraccount: varchar({ length: 80 }).notNull().default(""),
    /** CDR sequence number; with uniqueid it names one record. */
    sequence: bigint({ mode: "number" }).notNull().default(0),
    /** Which path wrote the row first: `pgsql` (Asterisk) or `ami` (the listener). */
    origin: varchar({ length: 8 }).notNull().default("pgsql"),
    /**
     * Set by the `cdr_before_insert` trigger (drizzle/0006_cdr_durable.sql), whichever path
     * inserts: `inbound`, `outbound` or `internal` (rule in src/lib/validations/calls.ts).
     */
    direction: varchar({ length: 8 }).notNull().default(""),
    /**
     * Set by the same trigger: the first record of the call's originating channel (uniqueid =
     * linkedid, lowest sequence). Call history lists one row per call by paging these.
     */
    callHead: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cdr_uniqueid_sequence_key").on(t.uniqueid, t.sequence),
    index("cdr_calldate_idx").on(t.calldate, t.id),
    index("cdr_linkedid_idx").on(t.linkedid, t.calldate, t.id),
    // Call history pages head rows only; partial indexes keep its keyset walks short.
    index("cdr_head_calldate_idx").on(t.calldate, t.id).where(sql`call_head`),
    // Sorting all time by duration or billed time walks these in order…
    index("cdr_head_duration_idx").on(t.duration, t.id).where(sql`call_head`),
    index("cdr_head_billsec_idx").on(t.billsec, t.id).where(sql`call_head`),
    // …and within a date range, one walk per UTC day, merged (see listCalls).
    index("cdr_head_day_duration_idx")
      .on(sql`((calldate at time zone 'UTC')::date)`, t.duration, t.id)
      .where(sql`call_head`),
    index("cdr_head_day_billsec_idx")
      .on(sql`((calldate at time zone 'UTC')::date)`, t.billsec, t.id)
      .where(sql`call_head`),
    // "Number contains": trigram search on the head's numbers and caller-ID name (pg_trgm, 0005).
    index("cdr_head_numbers_trgm_idx")
      .using("gin", t.src.op("gin_trgm_ops"), t.dst.op("gin_trgm_ops"), t.clid.op("gin_trgm_ops"))
      .where(sql`call_head`),
    // Extension filter and agents' own calls: any leg from, to, or on the extension's channel, by date.
    index("cdr_src_idx").on(t.src, t.calldate),
    index("cdr_dst_idx").on(t.dst, t.calldate),
    index("cdr_channel_idx").on(t.channel.op("varchar_pattern_ops"), t.calldate),
    index("cdr_dstchannel_idx").on(t.dstchannel.op("varchar_pattern_ops"), t.calldate),
  ],
);

/**
 * Who took part in each call, one row per (kind, party, call), dated and keyed by the call's head
 * record: `ext` (an extension-shaped number, 2–8 digits, that a record of the call is from, to, or
 * on a PJSIP channel of), `queue` (a queue the call was in) and `agent` (a member interface that
 * took or completed it). Call history's extension, queue and agent filters, and agents' own calls,
 * walk the primary key newest first instead of semi-joining every record of an extension.
 *
 * Derived data, kept by triggers on both writers' inserts (drizzle/0009_call_parties.sql):
 * `cdr_after_insert` and `queue_events_after_insert`; `call_parties_rebuild()` refills it from
 * scratch (bulk loads). No createdAt/updatedAt and no FK: rows are written once by triggers, tens
 * of millions of them, and a row whose head is gone simply joins to nothing.
 */
export const callParties = pgTable(
  "call_parties",
  {
    kind: varchar({ length: 8 }).notNull(),
    party: varchar({ length: 120 }).notNull(),
    /** The head record's calldate: the list's sort key. */
    callStart: timestamp({ withTimezone: true }).notNull(),
    /** The head record's id (cdr.id). */
    headId: bigint({ mode: "number" }).notNull(),
  },
  // Unique per (kind, party, head) because callStart follows from headId; one index serves the
  // triggers' ON CONFLICT and the newest-first walk.
  (t) => [primaryKey({ name: "call_parties_pkey", columns: [t.kind, t.party, t.callStart, t.headId] })],
);

export type QueueEventRow = typeof queueEvents.$inferSelect;
export type NewQueueEventRow = typeof queueEvents.$inferInsert;
export type QueueEventKind = (typeof queueEventKindEnum.enumValues)[number];
export type AgentSessionRow = typeof agentSessions.$inferSelect;
export type NewAgentSessionRow = typeof agentSessions.$inferInsert;
export type CdrRow = typeof cdr.$inferSelect;
export type NewCdrRow = typeof cdr.$inferInsert;
export type CallPartyRow = typeof callParties.$inferSelect;
