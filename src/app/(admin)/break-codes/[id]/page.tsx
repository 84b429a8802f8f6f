import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getBreakCodeById } from "@/lib/db/queries/break-codes";
import { BreakCodeForm } from "../break-code-form";
import { DeleteBreakCodeButton } from "./delete-break-code-button";

export const metadata = { title: "Edit break code" };

export default async function EditBreakCodePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  await requirePermission("break_codes.write");
  const { id } = await params;
  const row = await getBreakCodeById({ id });
  if (!row) notFound();
  const { saved } = await searchParams;
  return (
    <>
      <PageHeader title={row.label} description={`Break code ${row.code}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved.
        </p>
      )}
      <div className="space-y-6">
        <BreakCodeForm breakCode={row} />
        <DeleteBreakCodeButton breakCode={{ id: row.id, code: row.code, label: row.label }} />
      </div>
    </>
  );
}
