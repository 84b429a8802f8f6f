import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ReviewSummary } from "@/components/qa/review-summary";
import { requirePermission } from "@/lib/auth/session";
import { listReviewsForAgent } from "@/lib/db/queries/qa";
import { RespondForm } from "./respond-form";

export const metadata = { title: "My reviews" };

export default async function MyReviewsPage() {
  const user = await requirePermission("qa.own");
  const reviews = await listReviewsForAgent({ userId: user.id, extension: user.extension });
  return (
    <>
      <PageHeader
        title="My reviews"
        description="How QA scored your calls. Acknowledge a review, or dispute it and say why."
      />
      {reviews.length === 0 ? (
        <EmptyState title="No reviews yet">When QA scores one of your calls, it appears here.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {reviews.map((r) => (
            <li key={r.id} className="card space-y-4 p-6" aria-label={`Review of call ${r.linkedid}`}>
              <h2 className="font-semibold">
                Call <span className="font-mono">{r.linkedid}</span>
                {r.queue ? ` · queue ${r.queue}` : ""}
                {r.recordingId && (
                  <Link
                    href={`/api/recordings/${r.recordingId}`}
                    className="ml-3 text-sm font-normal text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    Listen
                  </Link>
                )}
              </h2>
              <ReviewSummary review={r} />
              {r.status === "submitted" && <RespondForm reviewId={r.id} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
