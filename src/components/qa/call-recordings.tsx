import Link from "next/link";
import type { Recording } from "@/lib/db/schema/recordings";
import { formatDuration } from "@/lib/recordings/format";

/**
 * A call's recordings in the call-history drawer: a native player streaming from the
 * Range-capable route (which checks access and audits the play), a download link, and the QA
 * review for those who score calls.
 */
export function CallRecordings({ recordings, canReview }: { recordings: Recording[]; canReview: boolean }) {
  return (
    <section className="mb-6" aria-labelledby="call-recordings-title">
      <h3 id="call-recordings-title" className="mb-2 font-medium">
        Recordings ({recordings.length})
      </h3>
      {recordings.length === 0 ? (
        <p className="text-sm text-slate-500">This call was not recorded.</p>
      ) : (
        <ul className="space-y-3" data-testid="call-recordings">
          {recordings.map((r) => (
            <li key={r.id} className="space-y-1 text-sm">
              <p>
                {r.queue ? `Queue ${r.queue}` : `Extension ${r.agentExtension ?? "?"}`} ·{" "}
                {r.source === "policy" ? "recording policy" : "recorded on demand"} ·{" "}
                {formatDuration(r.durationMs)}
              </p>
              {/* biome-ignore lint/a11y/useMediaCaption: call recordings have no caption track */}
              <audio
                controls
                preload="none"
                src={`/api/recordings/${r.id}`}
                className="w-full"
                aria-label={`Recording of ${r.queue ? `queue ${r.queue}` : `extension ${r.agentExtension ?? "?"}`}`}
              />
              <p className="flex gap-4">
                <a href={`/api/recordings/${r.id}?download=1`} className="text-indigo-700 hover:underline">
                  Download
                </a>
                {canReview && (
                  <Link href={`/qa/review/${r.id}`} className="text-indigo-700 hover:underline">
                    QA review
                  </Link>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
