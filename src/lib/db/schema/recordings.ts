import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const recordingSourceEnum = pgEnum("recording_source", ["policy", "on_demand"]);

/**
 * One MixMonitor file under `<ASTERISK_SPOOL_DIR>/monitor`, linked to its call by Linkedid.
 * `id` is the only handle a browser ever sees; `path` stays server-side and is relative to the
 * recordings root, re-checked against the root's real path on every read.
 */
export const recordings = pgTable(
  "recordings",
  {
    id: uuid().primaryKey().defaultRandom(),
    linkedid: varchar({ length: 40 }).notNull(),
    /** The recorded channel's Uniqueid for on-demand files (`<linkedid>-<uniqueid>.wav`). */
    uniqueid: varchar({ length: 40 }),
    /** Relative to the recordings root, e.g. `1732262400.12-1001.wav`. */
    path: varchar({ length: 255 }).notNull(),
    format: varchar({ length: 16 }).notNull(),
    bytes: bigint({ mode: "number" }).notNull(),
    durationMs: integer(),
    source: recordingSourceEnum().notNull(),
    /** The agent's extension, from the file name or the call's CDR/queue events. */
    agentExtension: varchar({ length: 20 }),
    /** The queue number for queue recordings (`<linkedid>-q<queue>.wav`). */
    queue: varchar({ length: 20 }),
    fileMtime: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("recordings_path_key").on(t.path),
    index("recordings_linkedid_idx").on(t.linkedid),
    index("recordings_mtime_idx").on(t.fileMtime),
  ],
);

export type ScorecardQuestion = {
  id: string;
  text: string;
  weight: number;
  type: "yes_no" | "scale";
  allowNa: boolean;
  critical: boolean;
};
export type ScorecardSection = { title: string; questions: ScorecardQuestion[] };

export const qaScorecards = pgTable(
  "qa_scorecards",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 80 }).notNull(),
    description: varchar({ length: 500 }).notNull().default(""),
    sections: jsonb().$type<ScorecardSection[]>().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("qa_scorecards_name_key").on(t.name)],
);

export const qaReviewStatusEnum = pgEnum("qa_review_status", ["submitted", "acknowledged", "disputed"]);

/** An answer: "yes" | "no" | "na" for yes/no questions, 1–5 or "na" for scale questions. */
export type QaAnswer = "yes" | "no" | "na" | number;
export type QaComment = { atMs: number; text: string };

export const qaReviews = pgTable(
  "qa_reviews",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Kept when retention deletes the recording: the score outlives the audio. */
    recordingId: uuid().references(() => recordings.id, { onDelete: "set null" }),
    linkedid: varchar({ length: 40 }).notNull(),
    scorecardId: uuid()
      .notNull()
      .references(() => qaScorecards.id, { onDelete: "restrict" }),
    /** The scorecard as it was when scored, so later edits don't rewrite old scores. */
    scorecardSnapshot: jsonb().$type<ScorecardSection[]>().notNull(),
    reviewerId: uuid().references(() => users.id, { onDelete: "set null" }),
    agentUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    agentExtension: varchar({ length: 20 }),
    queue: varchar({ length: 20 }),
    answers: jsonb().$type<Record<string, QaAnswer>>().notNull(),
    comments: jsonb().$type<QaComment[]>().notNull().default([]),
    summary: text().notNull().default(""),
    score: real().notNull(),
    criticalFailed: boolean().notNull().default(false),
    status: qaReviewStatusEnum().notNull().default("submitted"),
    agentComment: text(),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("qa_reviews_recording_key").on(t.recordingId),
    index("qa_reviews_agent_idx").on(t.agentUserId, t.createdAt),
    index("qa_reviews_created_idx").on(t.createdAt),
    index("qa_reviews_status_idx").on(t.status),
  ],
);

export type Recording = typeof recordings.$inferSelect;
export type NewRecording = typeof recordings.$inferInsert;
export type QaScorecard = typeof qaScorecards.$inferSelect;
export type NewQaScorecard = typeof qaScorecards.$inferInsert;
export type QaReview = typeof qaReviews.$inferSelect;
export type NewQaReview = typeof qaReviews.$inferInsert;
