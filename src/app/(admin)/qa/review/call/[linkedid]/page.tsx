import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listRecordingsForCall } from "@/lib/db/queries/recordings";
import { formatDateTime, formatDuration } from "@/lib/recordings/format";

export const metadata = { title: "Review a call" };

/**
 * Reviewing by Linkedid (the call history links here): one recording opens its review at
 * once; a call with several (a transfer, on-demand plus policy) lists them.
 */
export default async function ReviewByCallPage({ params }: { params: Promise<{ linkedid: string }> }) {
  await requirePermission("qa.review");
  const linkedid = decodeURIComponent((await params).linkedid);
  const rows = /^[\w.-]{1,40}$/.test(linkedid) ? await listRecordingsForCall({ linkedid }) : [];
  if (rows.length === 1) redirect(`/qa/review/${rows[0]!.id}`);
  return (
    <>
      <PageHeader title={`Call ${linkedid}`} description="Choose the recording to review." />
      {rows.length === 0 ? (
        <EmptyState title="This call has no recording">
          Only calls on extensions or queues that record, or recorded on demand, can be reviewed.
        </EmptyState>
      ) : (
        <ul className="card divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <li key={r.id} className="flex items-center justify-between p-4 text-sm">
              <span>
                {formatDateTime(r.fileMtime)} ·{" "}
                {r.queue ? `queue ${r.queue}` : `extension ${r.agentExtension ?? "?"}`} ·{" "}
                {formatDuration(r.durationMs)}
              </span>
              <Link href={`/qa/review/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                Review
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
