import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDispositionCodes } from "@/lib/db/queries/agent";
import { MoveButtons } from "./move-buttons";

export const metadata = { title: "Disposition codes" };

export default async function DispositionsPage() {
  await requirePermission("dispositions.write");
  const rows = await listDispositionCodes();
  return (
    <>
      <PageHeader
        title="Disposition codes"
        description="The outcomes agents choose when they wrap up a queue call. They show and filter in the call history."
        actions={
          <Link href="/dispositions/new" className="btn-primary">
            <Plus className="size-4" aria-hidden /> New disposition code
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No disposition codes yet">
          Agents wrap up calls with one: add at least one, such as Sold or Not interested.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Code</th>
                <th scope="col">Status</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row, i) => (
                <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td>
                    <Link
                      href={`/dispositions/${row.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {row.label}
                    </Link>
                  </td>
                  <td className="font-mono">{row.code}</td>
                  <td>{row.active ? "Active" : "Inactive"}</td>
                  <td>
                    <span className="mr-2 tabular-nums">{row.sortOrder}</span>
                    <MoveButtons id={row.id} label={row.label} first={i === 0} last={i === rows.length - 1} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
