"use server";

import { and, eq, or } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { qaReviews, qaScorecards, recordings } from "@/lib/db/schema/recordings";
import { users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import { scoreReview } from "@/lib/qa/scoring";
import { respondReviewSchema, submitReviewSchema } from "@/lib/validations/qa";

export const submitReview = action("qa.review", submitReviewSchema, async (input, { user, tx }) => {
  const [recording] = await tx.select().from(recordings).where(eq(recordings.id, input.recordingId)).limit(1);
  if (!recording) throw new AppError("not_found:recording", "That recording no longer exists.");
  const [card] = await tx.select().from(qaScorecards).where(eq(qaScorecards.id, input.scorecardId)).limit(1);
  if (!card?.active) throw new AppError("not_found:scorecard", "Choose an active scorecard.");
  const result = scoreReview(card.sections, input.answers);
  const fieldErrors: Record<string, string[]> = {};
  for (const id of result.missing) fieldErrors[`answers.${id}`] = ["Answer this question."];
  for (const id of result.invalid) fieldErrors[`answers.${id}`] = ["That answer is not allowed here."];
  if (Object.keys(fieldErrors).length) {
    throw new AppError("bad_request:input", "Answer every question of the scorecard.", { fieldErrors });
  }
  if (result.score === null) {
    throw new AppError("bad_request:input", "At least one question must apply (not N/A).");
  }
  const agent = recording.agentExtension
    ? (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.extension, recording.agentExtension))
          .limit(1)
      )[0]
    : undefined;
  const [row] = await tx
    .insert(qaReviews)
    .values({
      recordingId: recording.id,
      linkedid: recording.linkedid,
      scorecardId: card.id,
      scorecardSnapshot: card.sections,
      reviewerId: user.id,
      agentUserId: agent?.id ?? null,
      agentExtension: recording.agentExtension,
      queue: recording.queue,
      answers: input.answers,
      comments: [...input.comments].sort((a, b) => a.atMs - b.atMs),
      summary: input.summary,
      score: result.score,
      criticalFailed: result.criticalFailed,
    })
    .onConflictDoNothing({ target: qaReviews.recordingId })
    .returning({ id: qaReviews.id });
  if (!row) throw new AppError("conflict:review", "This recording has already been reviewed.");
  revalidatePath("/qa");
  return {
    data: { id: row.id, score: result.score, criticalFailed: result.criticalFailed },
    audit: {
      action: "qa_review.submit",
      entity: "qa_review",
      entityId: row.id,
      entityLabel: `Call ${recording.linkedid}`,
      after: {
        recordingId: recording.id,
        scorecard: card.name,
        score: result.score,
        criticalFailed: result.criticalFailed,
      },
    },
  };
});

/** The reviewed agent acknowledges or disputes, once; only their own reviews. */
export const respondToReview = action("qa.own", respondReviewSchema, async (input, { user, tx }) => {
  const mine = user.extension
    ? or(eq(qaReviews.agentUserId, user.id), eq(qaReviews.agentExtension, user.extension))
    : eq(qaReviews.agentUserId, user.id);
  const [review] = await tx
    .select()
    .from(qaReviews)
    .where(and(eq(qaReviews.id, input.id), mine))
    .limit(1);
  if (!review) throw new AppError("not_found:review", "That review does not exist or is not yours.");
  if (review.status !== "submitted")
    throw new AppError("conflict:review", "You have already answered this review.");
  await tx
    .update(qaReviews)
    .set({
      status: input.response,
      agentComment: input.comment || null,
      respondedAt: new Date(),
      agentUserId: user.id,
    })
    .where(eq(qaReviews.id, review.id));
  revalidatePath("/qa/my-reviews");
  return {
    data: { id: review.id, status: input.response },
    audit: {
      action: `qa_review.${input.response === "acknowledged" ? "acknowledge" : "dispute"}`,
      entity: "qa_review",
      entityId: review.id,
      entityLabel: `Call ${review.linkedid}`,
      before: { status: review.status },
      after: { status: input.response, comment: input.comment },
    },
  };
});
