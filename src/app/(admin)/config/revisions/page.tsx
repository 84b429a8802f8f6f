import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { requirePermission } from "@/lib/auth/session";
import { listRevisions } from "@/lib/db/queries/config";
import { STATUS_STYLE } from "../status-style";

export const metadata = { title: "Config revisions" };

export default async function RevisionsPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string }>;
}) {
  await requirePermission("config.apply");
  const { cursor } = await searchParams;
  const page = await listRevisions({ cursor });
  return (
    <>
      <PageHeader
        title="Config revisions"
        description="Every apply and rollback, what it changed, and how it ended."
      />
      {page.rows.length === 0 ? (
        <EmptyState title="No revisions yet">
          <Link className="text-indigo-600 hover:underline" href="/config">
            Review and apply the current configuration
          </Link>
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">Result</th>
                <th scope="col">Files</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      href={`/config/revisions/${r.id}`}
                    >
                      #{r.id}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap tabular-nums">
                    {r.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                  </td>
                  <td>{r.userEmail ?? "system"}</td>
                  <td>
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[r.status]}`}
                    >
                      {r.status}
                    </span>
                    {r.rollbackOf && (
                      <span className="ml-1 text-xs text-slate-500">rollback to #{r.rollbackOf}</span>
                    )}
                    {r.error && (
                      <span className="block max-w-md truncate text-xs text-rose-600" title={r.error}>
                        {r.error}
                      </span>
                    )}
                  </td>
                  <td className="font-mono text-xs">{r.changedFiles.join(", ") || "—"}</td>
                  <td className="tabular-nums">{r.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/config/revisions" params={{}} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
