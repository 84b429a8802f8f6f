import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listTimeConditions } from "@/lib/db/queries/ivrs";
import { describeDestination } from "@/lib/validations/destination";

export const metadata = { title: "Time conditions" };

export default async function TimeConditionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("ivrs.read");
  const { q, cursor } = await searchParams;
  const page = await listTimeConditions({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Time conditions"
        description="Numbers that send calls one way during a weekly schedule and another way outside it and on holidays."
        actions={
          <Can permission="ivrs.write">
            <Link href="/time-conditions/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New time condition
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search time conditions" placeholder="Search number or name" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No time conditions match “${q}”` : "No time conditions yet"}>
          Office hours, night service and holidays: point a DID or an IVR at a time condition.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Name</th>
                <th scope="col">Rules</th>
                <th scope="col">Holidays</th>
                <th scope="col">Matched</th>
                <th scope="col">Not matched</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((t) => (
                <tr key={t.id}>
                  <td className="font-mono">{t.number}</td>
                  <td>
                    <Link
                      href={`/time-conditions/${t.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {t.name}
                    </Link>
                  </td>
                  <td>{t.schedule.length}</td>
                  <td>{t.holidays.length}</td>
                  <td>{describeDestination({ type: t.matchedType, target: t.matchedTarget })}</td>
                  <td>{describeDestination({ type: t.unmatchedType, target: t.unmatchedTarget })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/time-conditions" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
