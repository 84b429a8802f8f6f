import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listRingTrees } from "@/lib/db/queries/inbound";

export const metadata = { title: "Ring trees" };

export default async function RingTreesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("inbound.read");
  const { q, cursor } = await searchParams;
  const page = await listRingTrees({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="Ring trees"
        description="Escalation in up to three levels: who rings first, and who rings when they don't answer."
        actions={
          <Can permission="inbound.write">
            <Link href="/ring-trees/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New ring tree
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search ring trees" placeholder="Search number or name" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No ring trees match “${q}”` : "No ring trees yet"}>
          A ring tree rings one phone, then others when nobody answers.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Name</th>
                <th scope="col">Nodes</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="font-mono">{t.number}</td>
                  <td>
                    <Link
                      href={`/ring-trees/${t.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {t.name}
                    </Link>
                  </td>
                  <td>{t.nodeCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/ring-trees" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
