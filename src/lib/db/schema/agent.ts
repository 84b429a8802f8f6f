import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  pgEnum,
  pgTable,
  smallint,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The agent's workflow around a call: disposition codes (admin-managed), the wrap-up of each
 * queue call an agent completed, and callbacks agents schedule.
 */

/** Call outcomes agents choose when wrapping up (Sold, Callback, …). Never sent to Asterisk. */
export const dispositionCodes = pgTable(
  "disposition_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** A stable identifier for reports and exports (`sold`, `not_interested`). */
    code: varchar({ length: 32 }).notNull(),
    label: varchar({ length: 60 }).notNull(),
    active: boolean().notNull().default(true),
    sortOrder: smallint().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("disposition_codes_code_key").on(t.code)],
);

export const wrapupStatusEnum = pgEnum("wrapup_status", ["pending", "saved", "skipped"]);

/**
 * One queue call an agent completed, to wrap up. The listener opens it (status `pending`) from
 * the AgentComplete event, for the user linked to the member's extension, with the queue's
 * wrap-up rule of that moment; the agent then saves a disposition and notes, or skips an optional one.
 */
export const callWrapups = pgTable(
  "call_wrapups",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    /** The AgentComplete event's dedupe key (see persist-mappers): a replay opens nothing twice. */
    dedupeKey: varchar({ length: 200 }).notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    extension: varchar({ length: 8 }).notNull(),
    queue: varchar({ length: 80 }).notNull(),
    /** The call (all its CDR records share it) and the caller's channel in the queue. */
    linkedid: varchar({ length: 40 }).notNull(),
    uniqueid: varchar({ length: 40 }),
    callerIdNum: varchar({ length: 80 }),
    /** Copied from the queue when the call ended, so editing the queue later changes nothing here. */
    required: boolean().notNull().default(false),
    notesRequired: boolean().notNull().default(false),
    status: wrapupStatusEnum().notNull().default("pending"),
    dispositionCodeId: uuid().references(() => dispositionCodes.id, { onDelete: "restrict" }),
    notes: varchar({ length: 2000 }).notNull().default(""),
    endedAt: timestamp({ withTimezone: true }).notNull(),
    savedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("call_wrapups_dedupe_key").on(t.dedupeKey),
    index("call_wrapups_linkedid_idx").on(t.linkedid),
    index("call_wrapups_pending_idx").on(t.userId, t.endedAt).where(sql`status = 'pending'`),
    // The call-history "disposition code" filter: linkedids of one code.
    index("call_wrapups_code_idx").on(t.dispositionCodeId, t.linkedid),
  ],
);

export const callbackStatusEnum = pgEnum("callback_status", ["scheduled", "completed", "cancelled"]);

/** A call an agent promised to make: who, when, why, and the call it came from. */
export const callbacks = pgTable(
  "callbacks",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The agent who will call back. */
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A dial string (ALLOW.dial): what "Call now" dials. */
    number: varchar({ length: 32 }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    note: varchar({ length: 500 }).notNull().default(""),
    linkedid: varchar({ length: 40 }),
    status: callbackStatusEnum().notNull().default("scheduled"),
    completedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("callbacks_user_due_idx").on(t.userId, t.status, t.dueAt, t.id),
    index("callbacks_status_due_idx").on(t.status, t.dueAt, t.id),
    index("callbacks_linkedid_idx").on(t.linkedid),
  ],
);

export type DispositionCode = typeof dispositionCodes.$inferSelect;
export type NewDispositionCode = typeof dispositionCodes.$inferInsert;
export type CallWrapup = typeof callWrapups.$inferSelect;
export type NewCallWrapup = typeof callWrapups.$inferInsert;
export type WrapupStatus = (typeof wrapupStatusEnum.enumValues)[number];
export type Callback = typeof callbacks.$inferSelect;
export type NewCallback = typeof callbacks.$inferInsert;
export type CallbackStatus = (typeof callbackStatusEnum.enumValues)[number];
