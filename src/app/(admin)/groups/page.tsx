import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listGroups } from "@/lib/db/queries/groups";
import { describeDestination } from "@/lib/validations/destination";
import { GROUP_STRATEGY_LABELS } from "@/lib/validations/group";

export const metadata = { title: "Ring groups" };

export default async function GroupsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("extensions.read");
  const { q, cursor } = await searchParams;
  const page = await listGroups({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Ring groups"
        description="Numbers that ring several extensions at once or in turn, with a failover when nobody answers."
        actions={
          <Can permission="extensions.write">
            <Link href="/groups/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New ring group
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search ring groups" placeholder="Search number or name" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No ring groups match “${q}”` : "No ring groups yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/groups">
              Clear the search
            </Link>
          ) : (
            "A ring group gives a team one number: calls ring its members together or one after another."
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
                <th scope="col">Ring time</th>
                <th scope="col">Failover</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((g) => (
                <tr key={g.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="font-mono">{g.number}</td>
                  <td>
                    <Link
                      href={`/groups/${g.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {g.name}
                    </Link>
                  </td>
                  <td>{GROUP_STRATEGY_LABELS[g.strategy]}</td>
                  <td>{g.memberCount}</td>
                  <td>{g.ringTime} s</td>
                  <td className="text-slate-600 dark:text-slate-300">
                    {describeDestination({ type: g.failoverType, target: g.failoverTarget })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/groups" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
