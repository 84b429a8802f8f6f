import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listBreakCodes } from "@/lib/db/queries/break-codes";

export const metadata = { title: "Break codes" };

export default async function BreakCodesPage() {
  await requirePermission("break_codes.write");
  const rows = await listBreakCodes();
  return (
    <>
      <PageHeader
        title="Break codes"
        description="The reasons agents pause for. The code goes to Asterisk with the pause; the label is what people see."
        actions={
          <Link href="/break-codes/new" className="btn-primary">
            <Plus className="size-4" aria-hidden /> New break code
          </Link>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No break codes yet">
          Agents can only pause with a reason: add at least one, such as Lunch or Training.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Code</th>
                <th scope="col">Paid</th>
                <th scope="col">Status</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td>
                    <Link
                      href={`/break-codes/${row.id}`}
                      className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                    >
                      {row.label}
                    </Link>
                  </td>
                  <td className="font-mono">{row.code}</td>
                  <td>{row.paid ? "Paid" : "Unpaid"}</td>
                  <td>{row.active ? "Active" : "Inactive"}</td>
                  <td>{row.sortOrder}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
