import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listScorecards } from "@/lib/db/queries/qa";

export const metadata = { title: "Scorecards" };

export default async function ScorecardsPage() {
  const user = await requirePermission("qa.review");
  const cards = await listScorecards();
  const canManage = user.permissions.has("qa.manage");
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="What QA scores calls against: sections of weighted yes/no or 1–5 questions. A “no” on a critical question fails the whole review."
        actions={
          canManage ? (
            <Link href="/qa/scorecards/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New scorecard
            </Link>
          ) : undefined
        }
      />
      {cards.length === 0 ? (
        <EmptyState title="No scorecards yet">A QA lead creates the first one.</EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Sections</th>
                <th scope="col">Questions</th>
                <th scope="col">Critical</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {cards.map((c) => {
                const questions = c.sections.flatMap((s) => s.questions);
                return (
                  <tr key={c.id}>
                    <td>
                      <Link
                        href={`/qa/scorecards/${c.id}`}
                        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        {c.name}
                      </Link>
                      {c.description && <p className="text-xs text-slate-500">{c.description}</p>}
                    </td>
                    <td>{c.sections.length}</td>
                    <td>{questions.length}</td>
                    <td>{questions.filter((q) => q.critical).length}</td>
                    <td>{c.active ? "Active" : "Inactive"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
