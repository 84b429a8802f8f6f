import type { QaAnswer, QaComment, ScorecardSection } from "@/lib/db/schema/recordings";
import { formatDateTime, formatDuration } from "@/lib/recordings/format";

const STATUS_LABEL = {
  submitted: "Waiting for the agent",
  acknowledged: "Acknowledged",
  disputed: "Disputed",
} as const;

/** A submitted review, read-only: score, answers, timestamped comments and the agent's reply. */
export function ReviewSummary({
  review,
}: {
  review: {
    score: number;
    criticalFailed: boolean;
    status: keyof typeof STATUS_LABEL;
    createdAt: Date;
    summary: string;
    comments: QaComment[];
    agentComment: string | null;
    scorecardSnapshot?: ScorecardSection[];
    answers?: Record<string, QaAnswer>;
    reviewerName?: string | null;
  };
}) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-4">
        <p className="text-3xl font-semibold tabular-nums" data-testid="review-score">
          {review.score}%
        </p>
        {review.criticalFailed && <p className="font-medium text-rose-600">Critical question failed</p>}
        <p className="text-sm text-slate-500">
          {STATUS_LABEL[review.status]} · reviewed {formatDateTime(review.createdAt)}
          {review.reviewerName ? ` by ${review.reviewerName}` : ""}
        </p>
      </div>
      {review.summary && <p className="whitespace-pre-wrap text-sm">{review.summary}</p>}
      {review.scorecardSnapshot && review.answers && (
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[1fr_auto]">
          {review.scorecardSnapshot
            .flatMap((s) => s.questions)
            .map((q) => (
              <div key={q.id} className="contents">
                <dt>{q.text}</dt>
                <dd className="font-medium">{answerLabel(review.answers?.[q.id])}</dd>
              </div>
            ))}
        </dl>
      )}
      {review.comments.length > 0 && (
        <ol className="space-y-1 text-sm" aria-label="Reviewer comments">
          {review.comments.map((c) => (
            <li key={`${c.atMs}-${c.text}`}>
              <span className="font-mono text-slate-500">{formatDuration(c.atMs)}</span> {c.text}
            </li>
          ))}
        </ol>
      )}
      {review.agentComment && (
        <p className="text-sm">
          <span className="font-medium">Agent: </span>
          <span className="whitespace-pre-wrap">{review.agentComment}</span>
        </p>
      )}
    </div>
  );
}

function answerLabel(a: QaAnswer | undefined): string {
  if (a === undefined) return "—";
  if (a === "yes") return "Yes";
  if (a === "no") return "No";
  if (a === "na") return "N/A";
  return `${a} / 5`;
}
