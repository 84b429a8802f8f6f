import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { destinationTypeEnum, extensions, recordingPolicyEnum } from "./extensions";
import { sounds } from "./ivr";

export const queueStrategyEnum = pgEnum("queue_strategy", [
  "ringall",
  "leastrecent",
  "fewestcalls",
  "random",
  "rrmemory",
  "linear",
  "wrandom",
]);
/** After a queue call: off (no prompt), optional (the agent may skip it) or required. */
export const wrapupModeEnum = pgEnum("wrapup_mode", ["off", "optional", "required"]);
export const queueMemberKindEnum = pgEnum("queue_member_kind", ["static", "dynamic"]);

/** One weekly opening window: days 0 (Sunday) … 6, and HH:MM start/end in the settings time zone. */
export type ActiveHoursWindow = { days: number[]; start: string; end: string };

export const queues = pgTable(
  "queues",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    strategy: queueStrategyEnum().notNull().default("ringall"),
    memberTimeout: smallint().notNull().default(15),
    retry: smallint().notNull().default(5),
    wrapupTime: smallint().notNull().default(0),
    maxLen: smallint().notNull().default(0),
    weight: smallint().notNull().default(0),
    joinEmpty: boolean().notNull().default(true),
    leaveWhenEmpty: boolean().notNull().default(false),
    announcePosition: boolean().notNull().default(false),
    announceHoldTime: boolean().notNull().default(false),
    mohClass: varchar({ length: 64 }).notNull().default("default"),
    serviceLevel: smallint().notNull().default(20),
    recordingPolicy: recordingPolicyEnum().notNull().default("never"),
    /** Empty means always open. */
    activeHours: jsonb().$type<ActiveHoursWindow[]>().notNull().default([]),
    outOfHoursType: destinationTypeEnum().notNull().default("hangup"),
    outOfHoursTarget: varchar({ length: 8 }),
    /** The agent's wrap-up prompt (disposition + notes) after each call; app-only, not in queues.conf. */
    wrapupMode: wrapupModeEnum().notNull().default("optional"),
    wrapupNotesRequired: boolean().notNull().default(false),
    /**
     * Announcements from the sound library, each optional: played to the caller before Queue()
     * (join), repeated to waiting callers every `periodicAnnounceFrequency` seconds (queues.conf
     * periodic-announce), and played to the agent who answers (queues.conf announce). A sound in
     * use can't be deleted (restrict; the delete action names the queue first).
     */
    joinAnnounceSoundId: uuid().references(() => sounds.id, { onDelete: "restrict" }),
    periodicAnnounceSoundId: uuid().references(() => sounds.id, { onDelete: "restrict" }),
    /** Seconds between periodic announcements; set exactly when periodicAnnounceSoundId is. */
    periodicAnnounceFrequency: smallint(),
    agentAnnounceSoundId: uuid().references(() => sounds.id, { onDelete: "restrict" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("queues_number_key").on(t.number),
    // "Which queues play this sound?" when a sound is deleted (and the foreign keys' own checks).
    index("queues_join_announce_sound_idx").on(t.joinAnnounceSoundId),
    index("queues_periodic_announce_sound_idx").on(t.periodicAnnounceSoundId),
    index("queues_agent_announce_sound_idx").on(t.agentAnnounceSoundId),
    check(
      "queues_periodic_announce_check",
      sql`(${t.periodicAnnounceSoundId} is null) = (${t.periodicAnnounceFrequency} is null) and coalesce(${t.periodicAnnounceFrequency} between 15 and 600, true)`,
    ),
  ],
);

export const queueMembers = pgTable(
  "queue_members",
  {
    queueId: uuid()
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    extensionId: uuid()
      .notNull()
      .references(() => extensions.id, { onDelete: "restrict" }),
    /** static: always in the queue (queues.conf member=); dynamic: may log in and out. */
    kind: queueMemberKindEnum().notNull().default("static"),
    penalty: smallint().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.queueId, t.extensionId] }),
    index("queue_members_ext_idx").on(t.extensionId),
  ],
);

export const queueVipCallers = pgTable(
  "queue_vip_callers",
  {
    queueId: uuid()
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    number: varchar({ length: 32 }).notNull(),
    /** QUEUE_PRIO for this caller; higher is answered first. */
    priority: smallint().notNull().default(10),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.number] })],
);

export type Queue = typeof queues.$inferSelect;
export type NewQueue = typeof queues.$inferInsert;
export type QueueMember = typeof queueMembers.$inferSelect;
export type NewQueueMember = typeof queueMembers.$inferInsert;
export type QueueVipCaller = typeof queueVipCallers.$inferSelect;
export type NewQueueVipCaller = typeof queueVipCallers.$inferInsert;
export type WrapupMode = (typeof wrapupModeEnum.enumValues)[number];
export type QueueStrategy = (typeof queueStrategyEnum.enumValues)[number];
