import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listTeams } from "@/lib/db/queries/teams";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requirePermission("teams.write");
  const rows = await listTeams();
  return (
    <>
      <PageHeader
        title="Teams"
        description="Who supervises whom: a team's supervisors see its members and queues on the live panel."
        actions={
          <Link href="/teams/new" className="btn-primary">
            <Plus className="size-4" aria-hidden /> New team
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No teams yet">
          Without teams, supervisors see only themselves on the live panel. Admins always see everything.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
                <th scope="col">Supervisors</th>
                <th scope="col">Queues</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td>
                    <Link
                      href={`/teams/${row.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {row.name}
                    </Link>
                  </td>
                  <td>{row.memberCount}</td>
                  <td>{row.supervisors.length ? row.supervisors.join(", ") : "None"}</td>
                  <td className="font-mono">{row.queues.length ? row.queues.join(", ") : "None"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
