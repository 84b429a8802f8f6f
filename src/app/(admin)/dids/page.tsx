import { Plus, Upload } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listDids } from "@/lib/db/queries/inbound";
import { describeDestination } from "@/lib/validations/destination";

export const metadata = { title: "Inbound numbers" };

export default async function DidsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("inbound.read");
  const { q, cursor } = await searchParams;
  const page = await listDids({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Inbound numbers"
        description="The numbers callers dial (DIDs): where each one sends calls, by caller if you like."
        actions={
          <Can permission="inbound.write">
            <div className="flex gap-2">
              <Link href="/dids/import" className="btn-secondary">
                <Upload className="size-4" aria-hidden /> Import CSV
              </Link>
              <Link href="/dids/new" className="btn-primary">
                <Plus className="size-4" aria-hidden /> New inbound number
              </Link>
            </div>
          </Can>
        }
      />
      <SearchForm
        label="Search inbound numbers"
        placeholder="Search number, description or trunk"
        defaultValue={q}
      />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No inbound numbers match “${q}”` : "No inbound numbers yet"}>
          {q ? (
            <Link className="text-indigo-600 hover:underline" href="/dids">
              Clear the search
            </Link>
          ) : (
            "Add the numbers your carriers deliver, and choose where each one rings."
          )}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Description</th>
                <th scope="col">Trunk</th>
                <th scope="col">Destination</th>
                <th scope="col">Caller-ID rules</th>
                <th scope="col">Lists</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="font-mono">
                    <Link
                      href={`/dids/${d.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {d.number}
                    </Link>
                  </td>
                  <td>{d.description || "—"}</td>
                  <td className="font-mono text-xs">{d.trunkName ?? "any"}</td>
                  <td className="text-slate-600 dark:text-slate-300">
                    {describeDestination({ type: d.destinationType, target: d.destinationTarget })}
                  </td>
                  <td>{d.ruleCount}</td>
                  <td>{d.listCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/dids" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
