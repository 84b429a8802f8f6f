import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { ScoreChart } from "@/components/qa/score-chart";
import { requirePermission } from "@/lib/auth/session";
import { countWaitingReviews, listDisputedReviews, scoreTrend } from "@/lib/db/queries/qa";
import { listRecordings } from "@/lib/db/queries/recordings";
import { formatDateTime, formatDuration } from "@/lib/recordings/format";

export const metadata = { title: "QA" };

const PERIODS = [7, 30, 90] as const;

export default async function QaDashboardPage({
  searchParams,
}: {
  searchParams: Promise<{ days?: string }>;
}) {
  await requirePermission("qa.review");
  const requested = Number((await searchParams).days);
  const days = PERIODS.find((p) => p === requested) ?? 30;
  const since = new Date(Date.now() - days * 86_400_000);
  const [byAgent, byQueue, waitingCount, waiting, disputed] = await Promise.all([
    scoreTrend({ by: "agent", days }),
    scoreTrend({ by: "queue", days }),
    countWaitingReviews({ days }),
    listRecordings({ since, unreviewed: true, limit: 10 }),
    listDisputedReviews(),
  ]);
  return (
    <>
      <PageHeader
        title="Quality assurance"
        description="Scores over time, calls waiting for a review, and reviews agents disputed."
        actions={
          <>
            <nav aria-label="Period" className="flex gap-1">
              {PERIODS.map((p) => (
                <Link
                  key={p}
                  href={`/qa?days=${p}`}
                  aria-current={p === days ? "page" : undefined}
                  className={p === days ? "btn-primary" : "btn-secondary"}
                >
                  {p} days
                </Link>
              ))}
            </nav>
            <Link href="/qa/scorecards" className="btn-secondary">
              Scorecards
            </Link>
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <ScoreChart title="Average score per agent" points={byAgent} days={days} />
        <ScoreChart title="Average score per queue" points={byQueue} days={days} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <section className="card p-4" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading" className="mb-3 font-semibold">
            Waiting for review <span className="text-slate-500">({waitingCount})</span>
          </h2>
          {waiting.rows.length === 0 ? (
            <p className="text-sm text-slate-500">
              Every recording of the last {days} days has been reviewed.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {waiting.rows.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    {formatDateTime(r.fileMtime)} · agent {r.agentExtension ?? "?"}
                    {r.queue ? ` · queue ${r.queue}` : ""} · {formatDuration(r.durationMs)}
                  </span>
                  <Link
                    href={`/qa/review/${r.id}`}
                    className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    aria-label={`Review call ${r.linkedid}`}
                  >
                    Review
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card p-4" aria-labelledby="disputed-heading">
          <h2 id="disputed-heading" className="mb-3 font-semibold">
            Disputed reviews
          </h2>
          {disputed.length === 0 ? (
            <p className="text-sm text-slate-500">No open disputes.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
              {disputed.map((r) => (
                <li key={r.id} className="space-y-1 py-2">
                  <p>
                    {r.agentName ?? `Agent ${r.agentExtension ?? "?"}`} · {r.score}% ·{" "}
                    {r.recordingId ? (
                      <Link href={`/qa/review/${r.recordingId}`} className="text-indigo-700 hover:underline">
                        call {r.linkedid}
                      </Link>
                    ) : (
                      `call ${r.linkedid}`
                    )}
                  </p>
                  {r.agentComment && <p className="whitespace-pre-wrap text-slate-600">“{r.agentComment}”</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
