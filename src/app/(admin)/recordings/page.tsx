import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listRecordings } from "@/lib/db/queries/recordings";
import { getSetting } from "@/lib/db/queries/settings";
import { formatBytes, formatDateTime, formatDuration } from "@/lib/recordings/format";
import { retentionDays } from "@/lib/recordings/retention";
import { recordingsRoot } from "@/lib/recordings/root";
import { ReindexButton } from "./reindex-button";
import { RetentionPanel } from "./retention-panel";

export const metadata = { title: "Recordings" };

export default async function RecordingsPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; q?: string }>;
}) {
  const user = await requirePermission("recordings.listen");
  const sp = await searchParams;
  const linkedid = sp.q && /^[\w.-]{1,40}$/.test(sp.q.trim()) ? sp.q.trim() : undefined;
  const page = await listRecordings({ cursor: sp.cursor, linkedid });
  const root = recordingsRoot();
  const canReview = user.permissions.has("qa.review");
  return (
    <>
      <PageHeader
        title="Recordings"
        description="Every call recording, linked to its call by Linkedid. Plays and downloads are written to the audit log."
        actions={root ? <ReindexButton /> : undefined}
      />
      {!root && (
        <p role="status" className="card mb-4 p-4 text-sm">
          ASTERISK_SPOOL_DIR is not set, so Switchboard cannot find recordings.
        </p>
      )}
      <SearchForm
        label="Find a call's recordings"
        placeholder="Linkedid, e.g. 1732262400.12"
        defaultValue={linkedid}
      />
      {page.rows.length === 0 ? (
        <EmptyState title={linkedid ? "No recording for that call" : "No recordings yet"}>
          Extensions and queues with the “always” policy are recorded; supervisors can record on demand from
          the live panel.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Recorded</th>
                <th scope="col">Call</th>
                <th scope="col">Agent</th>
                <th scope="col">Queue</th>
                <th scope="col">Source</th>
                <th scope="col">Length</th>
                <th scope="col">Size</th>
                <th scope="col">Review</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td className="whitespace-nowrap">{formatDateTime(r.fileMtime)}</td>
                  <td className="font-mono">{r.linkedid}</td>
                  <td>{r.agentExtension ?? "—"}</td>
                  <td>{r.queue ?? "—"}</td>
                  <td>{r.source === "policy" ? "Policy" : "On demand"}</td>
                  <td>{formatDuration(r.durationMs)}</td>
                  <td>{formatBytes(r.bytes)}</td>
                  <td>{r.reviewId ? `${r.reviewScore}%` : "Not reviewed"}</td>
                  <td className="whitespace-nowrap">
                    {canReview && (
                      <Link
                        href={`/qa/review/${r.id}`}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {r.reviewId ? "Open review" : "Review"}
                      </Link>
                    )}{" "}
                    <a
                      href={`/api/recordings/${r.id}?download=1`}
                      className="ml-3 text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      Download
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        basePath="/recordings"
        params={{ q: linkedid }}
        nextCursor={page.nextCursor}
        isFirst={!sp.cursor}
      />
      {user.permissions.has("settings.write") && root && (
        <RetentionPanel days={retentionDays(await getSetting("general.retentionDays"))} />
      )}
    </>
  );
}
