import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Can } from "@/components/permissions-provider";
import { requirePermission } from "@/lib/auth/session";
import { listCallerLists } from "@/lib/db/queries/inbound";

export const metadata = { title: "Block & allow lists" };

export default async function CallerListsPage() {
  await requirePermission("inbound.read");
  const lists = await listCallerLists();
  return (
    <>
      <PageHeader
        title="Block & allow lists"
        description="Callers to refuse, or the only callers to let through, on inbound numbers, queues and ring trees. Numbers take effect on the next call; patterns with the next apply."
        actions={
          <Can permission="blocklists.write">
            <Link href="/caller-lists/new" className="btn-primary">
              <Plus className="size-4" aria-hidden /> New list
            </Link>
          </Can>
        }
      />
      {lists.length === 0 ? (
        <EmptyState title="No lists yet">
          A block list refuses the callers on it; an allow list lets only them through.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Entries</th>
                <th scope="col">Used by</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {lists.map((l) => (
                <tr key={l.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td>
                    <Link
                      href={`/caller-lists/${l.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {l.name}
                    </Link>
                  </td>
                  <td>{l.kind === "allow" ? "Allow" : "Block"}</td>
                  <td>{l.entryCount}</td>
                  <td>{l.useCount}</td>
                  <td className="text-slate-600 dark:text-slate-300">{l.description || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
