import "server-only";
import { and, asc, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  type QaReview,
  type QaScorecard,
  qaReviews,
  qaScorecards,
  recordings,
} from "@/lib/db/schema/recordings";
import { users } from "@/lib/db/schema/users";
import { UUID } from "@/lib/recordings/access";

export async function listScorecards({
  activeOnly = false,
}: {
  activeOnly?: boolean;
} = {}): Promise<QaScorecard[]> {
  return db
    .select()
    .from(qaScorecards)
    .where(activeOnly ? eq(qaScorecards.active, true) : undefined)
    .orderBy(asc(qaScorecards.name));
}

export async function getScorecardById({ id }: { id: string }): Promise<QaScorecard | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(qaScorecards).where(eq(qaScorecards.id, id)).limit(1);
  return row;
}

export async function getReviewForRecording({
  recordingId,
}: {
  recordingId: string;
}): Promise<QaReview | undefined> {
  if (!UUID.test(recordingId)) return undefined;
  const [row] = await db.select().from(qaReviews).where(eq(qaReviews.recordingId, recordingId)).limit(1);
  return row;
}

export type ReviewListRow = Pick<
  QaReview,
  | "id"
  | "recordingId"
  | "linkedid"
  | "score"
  | "criticalFailed"
  | "status"
  | "agentExtension"
  | "queue"
  | "createdAt"
  | "agentComment"
  | "summary"
  | "comments"
> & { reviewerName: string | null; agentName: string | null };

const reviewColumns = {
  id: qaReviews.id,
  recordingId: qaReviews.recordingId,
  linkedid: qaReviews.linkedid,
  score: qaReviews.score,
  criticalFailed: qaReviews.criticalFailed,
  status: qaReviews.status,
  agentExtension: qaReviews.agentExtension,
  queue: qaReviews.queue,
  createdAt: qaReviews.createdAt,
  agentComment: qaReviews.agentComment,
  summary: qaReviews.summary,
  comments: qaReviews.comments,
  reviewerName: sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${qaReviews.reviewerId})`,
  agentName: sql<
    string | null
  >`(select ${users.name} from ${users} where ${users.id} = ${qaReviews.agentUserId})`,
};

/** The reviews of one agent (their user, or their extension at the time), newest first. */
export async function listReviewsForAgent({
  userId,
  extension,
  limit = 100,
}: {
  userId: string;
  extension: string | null;
  limit?: number;
}): Promise<ReviewListRow[]> {
  return db
    .select(reviewColumns)
    .from(qaReviews)
    .where(
      extension
        ? sql`${qaReviews.agentUserId} = ${userId} or (${qaReviews.agentUserId} is null and ${qaReviews.agentExtension} = ${extension})`
        : eq(qaReviews.agentUserId, userId),
    )
    .orderBy(desc(qaReviews.createdAt))
    .limit(limit);
}

export async function listDisputedReviews({ limit = 50 }: { limit?: number } = {}): Promise<ReviewListRow[]> {
  return db
    .select(reviewColumns)
    .from(qaReviews)
    .where(eq(qaReviews.status, "disputed"))
    .orderBy(desc(qaReviews.createdAt))
    .limit(limit);
}

export type TrendPoint = { key: string; day: string; average: number; reviews: number };

/** Average score per agent (extension) or per queue and per day, over the last `days` days. */
export async function scoreTrend({
  by,
  days,
}: {
  by: "agent" | "queue";
  days: number;
}): Promise<TrendPoint[]> {
  const since = new Date(Date.now() - days * 86_400_000);
  const key = by === "agent" ? qaReviews.agentExtension : qaReviews.queue;
  const day = sql<string>`to_char(date_trunc('day', ${qaReviews.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      key: sql<string>`coalesce(${key}, '—')`,
      day,
      average: sql<number>`round(avg(${qaReviews.score})::numeric, 1)::float8`,
      reviews: sql<number>`count(*)::int`,
    })
    .from(qaReviews)
    .where(gte(qaReviews.createdAt, since))
    .groupBy(sql`1`, sql`2`)
    .orderBy(sql`2`, sql`1`);
  return rows.map((r) => ({ ...r, average: Number(r.average), reviews: Number(r.reviews) }));
}

/** Recordings of the last `days` days that nobody has reviewed yet. */
export async function countWaitingReviews({ days }: { days: number }): Promise<number> {
  const since = new Date(Date.now() - days * 86_400_000);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recordings)
    .leftJoin(qaReviews, eq(qaReviews.recordingId, recordings.id))
    .where(and(gte(recordings.fileMtime, since), isNull(qaReviews.id)));
  return Number(row?.n ?? 0);
}
