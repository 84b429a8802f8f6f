import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listIvrs } from "@/lib/db/queries/ivrs";

export const metadata = { title: "IVRs" };

export default async function IvrsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("ivrs.read");
  const { q, cursor } = await searchParams;
  const page = await listIvrs({ q: q?.slice(0, 100), cursor });
  return (
    <>
      <PageHeader
        title="IVRs"
        description="Voice menus drawn as call flows: prompts, keys, schedules and where each choice goes."
        actions={
          <Can permission="ivrs.write">
            <Link href="/ivrs/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New IVR
            </Link>
          </Can>
        }
      />
      <SearchForm label="Search IVRs" placeholder="Search number or name" defaultValue={q} />
      {page.rows.length === 0 ? (
        <EmptyState title={q ? `No IVRs match “${q}”` : "No IVRs yet"}>
          Draw a menu: “press 1 for sales, 2 for support”.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Last saved</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((i) => (
                <tr key={i.id}>
                  <td className="font-mono">{i.number}</td>
                  <td>
                    <Link
                      href={`/ivrs/${i.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {i.name}
                    </Link>
                  </td>
                  <td>{i.version}</td>
                  <td>{i.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/ivrs" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
    </>
  );
}
