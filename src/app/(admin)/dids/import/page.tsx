import { Download } from "lucide-react";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import {
  DID_CSV_COLUMN_HELP,
  DID_CSV_COLUMNS,
  DID_CSV_TEMPLATE,
  DID_IMPORT_CHUNK_SIZE,
  MAX_DID_IMPORT_CHARS,
  MAX_DID_IMPORT_ROWS,
} from "@/lib/routing/did-csv";
import { DidImportWizard } from "./import-wizard";

export const metadata = { title: "Import inbound numbers" };

export default async function ImportDidsPage() {
  await requirePermission("inbound.write");
  return (
    <>
      <PageHeader
        title="Import inbound numbers"
        description="Create many DIDs from a CSV file. Check it first: nothing is written until you import."
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <DidImportWizard maxChars={MAX_DID_IMPORT_CHARS} chunkSize={DID_IMPORT_CHUNK_SIZE} />
        <aside className="card h-fit p-5 text-sm" aria-labelledby="format-heading">
          <h2 id="format-heading" className="font-semibold">
            File format
          </h2>
          <p className="mt-1 text-slate-500 dark:text-slate-400">
            UTF-8 CSV with a header row. Up to {MAX_DID_IMPORT_ROWS.toLocaleString("en")} rows and{" "}
            {Math.floor(MAX_DID_IMPORT_CHARS / 1000)} KB. Caller-ID rules are added on each number's page.
          </p>
          <dl className="mt-3 space-y-2">
            {DID_CSV_COLUMNS.map((c) => (
              <div key={c}>
                <dt className="font-mono text-xs font-semibold">{c}</dt>
                <dd className="text-slate-600 dark:text-slate-300">{DID_CSV_COLUMN_HELP[c]}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 font-medium">Example</p>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            {DID_CSV_TEMPLATE}
          </pre>
          <a href="/dids/import/template" download className="btn-secondary mt-3 w-full">
            <Download className="size-4" aria-hidden /> Download template
          </a>
        </aside>
      </div>
    </>
  );
}
