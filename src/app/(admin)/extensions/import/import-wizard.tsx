"use client";

import { CsvImportWizard } from "@/components/csv-import/import-wizard";
import { importExtensionsChunk, previewExtensionImport } from "./actions";

/** The extensions' CSV import: the shared wizard with this file's actions and columns. */
export function ImportWizard({ maxChars, chunkSize }: { maxChars: number; chunkSize: number }) {
  return (
    <CsvImportWizard
      maxChars={maxChars}
      chunkSize={chunkSize}
      preview={previewExtensionImport}
      importChunk={importExtensionsChunk}
      noun={{ one: "extension", many: "extensions" }}
      list={{ href: "/extensions", label: "View extensions" }}
      header="number,display_name,email,webrtc,voicemail,voicemail_pin,recording_policy,outbound_callerid,codecs"
      columns={[
        { label: "Number", value: (r) => r.number, mono: true },
        { label: "Display name", value: (r) => r.display_name },
        { label: "User e-mail", value: (r) => r.email },
      ]}
    />
  );
}
