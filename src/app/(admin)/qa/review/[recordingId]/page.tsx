import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ReviewSummary } from "@/components/qa/review-summary";
import { ReviewWorkspace } from "@/components/qa/review-workspace";
import { WaveformPlayer } from "@/components/qa/waveform-player";
import { requirePermission } from "@/lib/auth/session";
import { getReviewForRecording, listScorecards } from "@/lib/db/queries/qa";
import { getRecordingById, listCallLegs } from "@/lib/db/queries/recordings";
import { formatDateTime, formatDuration } from "@/lib/recordings/format";

export const metadata = { title: "Review a call" };

export default async function ReviewPage({ params }: { params: Promise<{ recordingId: string }> }) {
  await requirePermission("qa.review");
  const { recordingId } = await params;
  const recording = await getRecordingById({ id: recordingId });
  if (!recording) notFound();
  const [legs, review, scorecards] = await Promise.all([
    listCallLegs({ linkedid: recording.linkedid }),
    getReviewForRecording({ recordingId: recording.id }),
    listScorecards({ activeOnly: true }),
  ]);
  const first = legs[0];
  return (
    <>
      <PageHeader
        title={`Call ${recording.linkedid}`}
        description={`Recorded ${formatDateTime(recording.fileMtime)} · ${formatDuration(recording.durationMs)} · agent ${recording.agentExtension ?? "unknown"}${recording.queue ? ` · queue ${recording.queue}` : ""}`}
      />
      {/* Caller IDs come from strangers: React escapes them; never render them as HTML. */}
      <dl className="card mb-6 grid gap-x-6 gap-y-1 p-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Caller</dt>
          <dd data-testid="caller-id">{first?.clid || first?.src || "Unknown"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Dialled</dt>
          <dd>{first?.dst || "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Legs</dt>
          <dd>{legs.length}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Source</dt>
          <dd>{recording.source === "policy" ? "Recording policy" : "Recorded on demand"}</dd>
        </div>
      </dl>
      {review ? (
        <section className="space-y-4" aria-labelledby="review-heading">
          <WaveformPlayer
            src={`/api/recordings/${recording.id}`}
            peaksUrl={`/api/recordings/${recording.id}/peaks`}
            markers={review.comments.map((c) => ({ atMs: c.atMs, label: c.text }))}
          />
          <div className="card p-6">
            <h2 id="review-heading" className="mb-4 text-lg font-semibold">
              Review
            </h2>
            <ReviewSummary review={review} />
          </div>
        </section>
      ) : scorecards.length === 0 ? (
        <EmptyState title="No active scorecard">
          Ask a QA lead to create or activate a scorecard first.
        </EmptyState>
      ) : (
        <ReviewWorkspace
          recordingId={recording.id}
          scorecards={scorecards.map((c) => ({ id: c.id, name: c.name, sections: c.sections }))}
        />
      )}
    </>
  );
}
