import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listQueues } from "@/lib/db/queries/queues";
import { describeDestination } from "@/lib/validations/destination";
import { QUEUE_STRATEGY_LABELS } from "@/lib/validations/queue";

export const metadata = { title: "Queues" };

export default async function QueuesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("queues.read");
  const { q, cursor } = await searchParams;
  const page = await listQueues({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Queues"
        description="Call queues: who answers, in what order, VIP callers first, and when the queue is open."
        actions={
          <Can permission="queues.write">
            <Link href="/queues/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New queue
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search queues" placeholder="Search number or name" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No queues match “${q}”` : "No queues yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/queues">
              Clear the search
            </Link>
          ) : (
            "A queue holds callers until an agent is free, with music on hold and announcements."
          )}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Name</th>
                <th scope="col">Strategy</th>
                <th scope="col">Members</th>
                <th scope="col">VIP callers</th>
                <th scope="col">Hours</th>
                <th scope="col">Out of hours</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="font-mono">{row.number}</td>
                  <td>
                    <Link
                      href={`/queues/${row.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {row.name}
                    </Link>
                  </td>
                  <td>{QUEUE_STRATEGY_LABELS[row.strategy]}</td>
                  <td>
                    {row.staticCount} static · {row.dynamicCount} may log in
                  </td>
                  <td>{row.vipCount}</td>
                  <td>
                    {row.activeHours.length === 0
                      ? "Always open"
                      : `${row.activeHours.length} window${row.activeHours.length === 1 ? "" : "s"}`}
                  </td>
                  <td className="text-slate-600 dark:text-slate-300">
                    {row.activeHours.length === 0
                      ? "—"
                      : describeDestination({ type: row.outOfHoursType, target: row.outOfHoursTarget })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/queues" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
