import {
  bigserial,
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { queues } from "./queues";
import { users } from "./users";

/** Pause reasons. `code` is what goes to Asterisk (QueuePause Reason), so it is an identifier. */
export const breakCodes = pgTable(
  "break_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: varchar({ length: 32 }).notNull(),
    label: varchar({ length: 60 }).notNull(),
    /** Counts against the agent's productive time when false (Training, Meeting). */
    paid: boolean().notNull().default(true),
    active: boolean().notNull().default(true),
    sortOrder: smallint().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("break_codes_code_key").on(t.code)],
);

/**
 * Teams scope what supervisors may see and act on: a supervisor of a team covers its members'
 * extensions and its queues. Admins see everything.
 */
export const teams = pgTable(
  "teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 60 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("teams_name_key").on(t.name)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isSupervisor: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

export const teamQueues = pgTable(
  "team_queues",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    queueId: uuid()
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.queueId] }), index("team_queues_queue_idx").on(t.queueId)],
);

export const spyModeEnum = pgEnum("spy_mode", ["listen", "whisper", "barge"]);

/** Who supervised whom, how, and for how long. Closed when the spy channel hangs up. */
export const supervisionSessions = pgTable(
  "supervision_sessions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    supervisorId: uuid().references(() => users.id, { onDelete: "set null" }),
    supervisorExtension: varchar({ length: 8 }).notNull(),
    mode: spyModeEnum().notNull(),
    /** The spied-on channel (PJSIP/1002-00000001) and its extension. */
    targetChannel: varchar({ length: 160 }).notNull(),
    targetExtension: varchar({ length: 8 }),
    /** The ActionID of the Originate; the listener matches OriginateResponse/Hangup by it. */
    actionId: varchar({ length: 80 }).notNull(),
    /** The supervisor's spy channel once it exists. */
    spyUniqueid: varchar({ length: 40 }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("supervision_sessions_action_key").on(t.actionId),
    index("supervision_sessions_supervisor_idx").on(t.supervisorId, t.startedAt),
  ],
);

export type BreakCode = typeof breakCodes.$inferSelect;
export type NewBreakCode = typeof breakCodes.$inferInsert;
export type Team = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;
export type TeamMember = typeof teamMembers.$inferSelect;
export type NewTeamMember = typeof teamMembers.$inferInsert;
export type TeamQueue = typeof teamQueues.$inferSelect;
export type NewTeamQueue = typeof teamQueues.$inferInsert;
export type SupervisionSession = typeof supervisionSessions.$inferSelect;
export type NewSupervisionSession = typeof supervisionSessions.$inferInsert;
export type SpyMode = (typeof spyModeEnum.enumValues)[number];
