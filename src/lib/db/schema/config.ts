import {
  bigint,
  bigserial,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const revisionStatusEnum = pgEnum("revision_status", ["applied", "failed", "noop"]);

/**
 * Every saved change to a compiled object waits here until an apply picks it up; the count of
 * rows without a revision is the "N pending changes" bar.
 */
export const configChanges = pgTable(
  "config_changes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    entity: varchar({ length: 40 }).notNull(),
    entityId: varchar({ length: 64 }),
    entityLabel: varchar({ length: 120 }),
    action: varchar({ length: 20 }).notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    revisionId: bigint({ mode: "number" }).references(() => configRevisions.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("config_changes_pending_idx").on(t.revisionId, t.id)],
);

/** One apply (or rollback) attempt: what it wrote, what it reloaded, and how it ended. */
export const configRevisions = pgTable("config_revisions", {
  id: bigserial({ mode: "number" }).primaryKey(),
  userId: uuid().references(() => users.id, { onDelete: "set null" }),
  userEmail: varchar({ length: 254 }),
  status: revisionStatusEnum().notNull(),
  /** Set when this revision restored an earlier one. */
  rollbackOf: bigint({ mode: "number" }),
  changedFiles: text().array().notNull().default([]),
  reloaded: text().array().notNull().default([]),
  durationMs: integer().notNull().default(0),
  error: text(),
  /** "entity:id field" the error came from, when known. */
  errorSource: varchar({ length: 200 }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** File contents, stored once per distinct content. */
export const configBlobs = pgTable("config_blobs", {
  sha256: varchar({ length: 64 }).primaryKey(),
  content: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The complete set of files a revision left live, so any revision can be diffed and restored. */
export const configRevisionFiles = pgTable(
  "config_revision_files",
  {
    revisionId: bigint({ mode: "number" })
      .notNull()
      .references(() => configRevisions.id, { onDelete: "cascade" }),
    path: varchar({ length: 120 }).notNull(),
    sha256: varchar({ length: 64 })
      .notNull()
      .references(() => configBlobs.sha256),
    bytes: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.path] })],
);

export type ConfigChange = typeof configChanges.$inferSelect;
export type NewConfigChange = typeof configChanges.$inferInsert;
export type ConfigRevision = typeof configRevisions.$inferSelect;
export type NewConfigRevision = typeof configRevisions.$inferInsert;
export type ConfigBlob = typeof configBlobs.$inferSelect;
export type NewConfigBlob = typeof configBlobs.$inferInsert;
export type ConfigRevisionFile = typeof configRevisionFiles.$inferSelect;
export type NewConfigRevisionFile = typeof configRevisionFiles.$inferInsert;
