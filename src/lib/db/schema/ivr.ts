import {
  bigint,
  index,
  integer,
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
import type { HolidayRange, ScheduleRule } from "@/lib/routing/time-condition";
import { destinationTypeEnum } from "./extensions";
import { users } from "./users";

/**
 * The sound library. A sound's audio lives at `<sounds dir>/<id>.wav` (8 kHz mono 16-bit PCM,
 * converted on upload): files are named by id, never by anything a user typed. `name` is an
 * identifier so it can be shown and searched; nothing compiles it into a config file.
 */
export const sounds = pgTable(
  "sounds",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 64 }).notNull(),
    /** What was uploaded ("mp3" or "wav"), from its magic bytes. */
    sourceFormat: varchar({ length: 8 }).notNull(),
    /** Size of the converted WAV. */
    bytes: bigint({ mode: "number" }).notNull(),
    durationMs: integer().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("sounds_name_key").on(t.name)],
);

export const mohSortEnum = pgEnum("moh_sort", ["alpha", "random"]);

/** A music-on-hold class: compiled to a `mode=playlist` section of musiconhold_switchboard.conf. */
export const mohClasses = pgTable(
  "moh_classes",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 64 }).notNull(),
    sort: mohSortEnum().notNull().default("alpha"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("moh_classes_name_key").on(t.name)],
);

export const mohClassSounds = pgTable(
  "moh_class_sounds",
  {
    classId: uuid()
      .notNull()
      .references(() => mohClasses.id, { onDelete: "cascade" }),
    soundId: uuid()
      .notNull()
      .references(() => sounds.id, { onDelete: "restrict" }),
    position: smallint().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.classId, t.position] }),
    index("moh_class_sounds_sound_idx").on(t.soundId),
  ],
);

export type { HolidayRange, ScheduleRule } from "@/lib/routing/time-condition";

/**
 * A time condition: a number in the shared plan that sends calls to `matched` while the weekly
 * schedule holds and to `unmatched` otherwise. A holiday always means "unmatched", whatever the
 * schedule says: the office is closed.
 */
export const timeConditions = pgTable(
  "time_conditions",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    schedule: jsonb().$type<ScheduleRule[]>().notNull().default([]),
    holidays: jsonb().$type<HolidayRange[]>().notNull().default([]),
    matchedType: destinationTypeEnum().notNull().default("hangup"),
    matchedTarget: varchar({ length: 8 }),
    unmatchedType: destinationTypeEnum().notNull().default("hangup"),
    unmatchedTarget: varchar({ length: 8 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("time_conditions_number_key").on(t.number),
    index("time_conditions_matched_idx").on(t.matchedType, t.matchedTarget),
    index("time_conditions_unmatched_idx").on(t.unmatchedType, t.unmatchedTarget),
  ],
);

/**
 * An IVR: a number in the shared plan and its latest saved graph (the one that compiles). Every
 * save also appends an `ivr_versions` row; restoring an old version saves it again as the newest.
 * `refs` is derived from the graph on save (the numbers and sounds it uses) so "still used by"
 * checks are one indexed query instead of a scan of every graph.
 */
export const ivrs = pgTable(
  "ivrs",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    version: integer().notNull().default(1),
    graph: jsonb().$type<unknown>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("ivrs_number_key").on(t.number)],
);

export const ivrVersions = pgTable(
  "ivr_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    ivrId: uuid()
      .notNull()
      .references(() => ivrs.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    graph: jsonb().$type<unknown>().notNull(),
    savedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** "restored from version 3" and the like; generated text, never user input. */
    note: varchar({ length: 80 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ivr_versions_ivr_version_key").on(t.ivrId, t.version)],
);

/** What an IVR's latest graph points at: one row per destination or sound it uses. */
export const ivrRefs = pgTable(
  "ivr_refs",
  {
    ivrId: uuid()
      .notNull()
      .references(() => ivrs.id, { onDelete: "cascade" }),
    /** A destination type, or "sound". */
    kind: varchar({ length: 16 }).notNull(),
    /** The number, or the sound id. */
    target: varchar({ length: 40 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ivrId, t.kind, t.target] }),
    index("ivr_refs_target_idx").on(t.kind, t.target),
  ],
);

export type Sound = typeof sounds.$inferSelect;
export type NewSound = typeof sounds.$inferInsert;
export type MohClass = typeof mohClasses.$inferSelect;
export type NewMohClass = typeof mohClasses.$inferInsert;
export type MohSort = (typeof mohSortEnum.enumValues)[number];
export type TimeCondition = typeof timeConditions.$inferSelect;
export type NewTimeCondition = typeof timeConditions.$inferInsert;
export type Ivr = typeof ivrs.$inferSelect;
export type NewIvr = typeof ivrs.$inferInsert;
export type IvrVersion = typeof ivrVersions.$inferSelect;
export type NewIvrVersion = typeof ivrVersions.$inferInsert;
