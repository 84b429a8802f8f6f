import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { countDispositionUses, getDispositionCodeById } from "@/lib/db/queries/agent";
import { DispositionForm } from "../disposition-form";
import { DeleteDispositionButton } from "./delete-disposition-button";

export const metadata = { title: "Edit disposition code" };

export default async function EditDispositionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  await requirePermission("dispositions.write");
  const { id } = await params;
  const row = await getDispositionCodeById({ id });
  if (!row) notFound();
  const [{ saved }, uses] = await Promise.all([searchParams, countDispositionUses({ id })]);
  return (
    <>
      <PageHeader
        title={row.label}
        description={`Disposition code ${row.code} · used by ${uses} wrapped-up ${uses === 1 ? "call" : "calls"}`}
      />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved.
        </p>
      )}
      <div className="space-y-6">
        <DispositionForm disposition={row} />
        <DeleteDispositionButton disposition={{ id: row.id, code: row.code, label: row.label }} uses={uses} />
      </div>
    </>
  );
}
