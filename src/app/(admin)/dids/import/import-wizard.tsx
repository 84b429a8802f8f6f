"use client";

import { CsvImportWizard } from "@/components/csv-import/import-wizard";
import { importDidsChunk, previewDidImport } from "./actions";

/** The inbound numbers' CSV import: the shared wizard with this file's actions and columns. */
export function DidImportWizard({ maxChars, chunkSize }: { maxChars: number; chunkSize: number }) {
  return (
    <CsvImportWizard
      maxChars={maxChars}
      chunkSize={chunkSize}
      preview={previewDidImport}
      importChunk={importDidsChunk}
      noun={{ one: "inbound number", many: "inbound numbers" }}
      list={{ href: "/dids", label: "View inbound numbers" }}
      header="number,description,trunk,destination_type,destination_target,lists"
      columns={[
        { label: "Number", value: (r) => r.number, mono: true },
        { label: "Description", value: (r) => r.description },
        {
          label: "Destination",
          value: (r) => [r.destination_type, r.destination_target].filter(Boolean).join(" ") || undefined,
        },
      ]}
    />
  );
}
