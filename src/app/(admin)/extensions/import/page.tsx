import { Download } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import {
  CSV_COLUMN_HELP,
  CSV_COLUMNS,
  CSV_TEMPLATE,
  IMPORT_CHUNK_SIZE,
  MAX_IMPORT_CHARS,
  MAX_IMPORT_ROWS,
} from "@/lib/extensions/csv-import";
import { ImportWizard } from "./import-wizard";

export const metadata = { title: "Import extensions" };

export default async function ImportExtensionsPage() {
  await requirePermission("extensions.write");
  return (
    <>
      <PageHeader
        title="Import extensions"
        description="Create many extensions from a CSV file. Check it first: nothing is written until you import."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <ImportWizard maxChars={MAX_IMPORT_CHARS} chunkSize={IMPORT_CHUNK_SIZE} />
        <aside className="card h-fit p-5 text-sm" aria-labelledby="format-heading">
          <h2 id="format-heading" className="font-semibold">
            File format
          </h2>
          <p className="mt-1 text-slate-500 dark:text-slate-400">
            UTF-8 CSV with a header row; fields with commas, quotes or line breaks in double quotes. Up to{" "}
            {MAX_IMPORT_ROWS.toLocaleString("en")} rows and {Math.floor(MAX_IMPORT_CHARS / 1000)} KB. Each
            extension gets a generated SIP secret.
          </p>
          <dl className="mt-3 space-y-2">
            {CSV_COLUMNS.map((c) => (
              <div key={c}>
                <dt className="font-mono text-xs font-semibold">{c}</dt>
                <dd className="text-slate-600 dark:text-slate-300">{CSV_COLUMN_HELP[c]}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 font-medium">Example</p>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            {CSV_TEMPLATE}
          </pre>
          <a href="/extensions/import/template" download className="btn-secondary mt-3 w-full">
            <Download className="size-4" aria-hidden /> Download template
          </a>
        </aside>
      </div>
    </>
  );
}
