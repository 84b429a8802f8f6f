"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormError } from "@/components/field";
import type { Result } from "@/lib/errors";
import { type CsvPreviewColumn, type CsvPreviewRow, PREVIEW_ROWS_SHOWN, PreviewTable } from "./preview-table";

type RowError = { column: string; message: string };
type Skipped = { line: number; errors: RowError[] };
type Stage<Row> =
  | { kind: "input" }
  | { kind: "preview"; rows: Row[]; valid: number; invalid: number }
  | { kind: "importing"; total: number; done: number; created: number; skipped: Skipped[] }
  | { kind: "finished"; total: number; created: number; skipped: Skipped[]; error?: string };

export type CsvImportWizardProps<
  Rec extends Record<string, string | undefined>,
  Row extends CsvPreviewRow<Rec>,
> = {
  maxChars: number;
  chunkSize: number;
  /** Checks the whole text on the server; writes nothing. */
  preview: (input: { csv: string }) => Promise<Result<{ rows: Row[]; valid: number; invalid: number }>>;
  /** Imports one chunk of valid rows in one transaction. */
  importChunk: (input: {
    rows: { line: number; record: Rec }[];
  }) => Promise<Result<{ created: number; skipped: Skipped[] }>>;
  /** "extension" / "extensions", as the messages say them. */
  noun: { one: string; many: string };
  /** Where "View …" goes when the import is done. */
  list: { href: string; label: string };
  /** The CSV header, shown as the text area's placeholder. */
  header: string;
  /** The preview table's columns between "Line" and "Result". */
  columns: CsvPreviewColumn<Rec>[];
};

/**
 * The CSV import of extensions and inbound numbers. Step 1 sends the text to the server for a
 * preview (nothing written). Step 2 sends the valid rows back in chunks, one server action per
 * chunk, and moves the progress bar as each one commits.
 */
export function CsvImportWizard<
  Rec extends Record<string, string | undefined>,
  Row extends CsvPreviewRow<Rec>,
>({
  maxChars,
  chunkSize,
  preview: previewAction,
  importChunk,
  noun,
  list,
  header,
  columns,
}: CsvImportWizardProps<Rec, Row>) {
  const router = useRouter();
  const ids = useId();
  const [csv, setCsv] = useState("");
  const [stage, setStage] = useState<Stage<Row>>({ kind: "input" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);

  async function preview() {
    // The server action's body limit counts bytes, not characters.
    if (new TextEncoder().encode(csv).length > maxChars) {
      setError(`The file is too large: keep it under ${Math.floor(maxChars / 1000)} KB, or split it.`);
      return;
    }
    setBusy(true);
    const result = await previewAction({ csv }).catch(unreachable);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.fieldErrors?.csv?.join(" ") ?? result.error.message);
      return;
    }
    setError(null);
    setOnlyErrors(result.data.invalid > 0 && result.data.valid > PREVIEW_ROWS_SHOWN);
    setStage({ kind: "preview", ...result.data });
  }

  async function runImport(rows: Row[]) {
    const valid = rows.filter((r) => r.errors.length === 0).map((r) => ({ line: r.line, record: r.record }));
    let created = 0;
    const skipped: Skipped[] = [];
    setStage({ kind: "importing", total: valid.length, done: 0, created, skipped });
    for (let i = 0; i < valid.length; i += chunkSize) {
      const chunk = valid.slice(i, i + chunkSize);
      const result = await importChunk({ rows: chunk }).catch(unreachable);
      if (!result.ok) {
        setStage({
          kind: "finished",
          total: valid.length,
          created,
          skipped,
          error: `Stopped at line ${chunk[0]!.line}: ${result.error.message} ${created} ${noun.many} were imported before that.`,
        });
        router.refresh();
        return;
      }
      created += result.data.created;
      skipped.push(...result.data.skipped);
      setStage({
        kind: "importing",
        total: valid.length,
        done: i + chunk.length,
        created,
        skipped: [...skipped],
      });
    }
    setStage({ kind: "finished", total: valid.length, created, skipped });
    router.refresh();
  }

  if (stage.kind === "importing" || stage.kind === "finished") {
    const done = stage.kind === "importing" ? stage.done : stage.total;
    const percent = stage.total ? Math.round((done / stage.total) * 100) : 100;
    return (
      <section className="card space-y-4 p-6" aria-labelledby={`${ids}-progress`}>
        <h2 id={`${ids}-progress`} className="font-semibold">
          {stage.kind === "importing" ? "Importing…" : "Import finished"}
        </h2>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
          className="h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
        <p aria-live="polite" className="text-sm">
          {done.toLocaleString("en")} of {stage.total.toLocaleString("en")} rows processed ({percent}%) ·{" "}
          {stage.created.toLocaleString("en")} created
        </p>
        {stage.kind === "finished" && (
          <>
            <FormError message={stage.error} />
            {!stage.error && (
              <p
                role="status"
                className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
              >
                Imported {stage.created.toLocaleString("en")} {stage.created === 1 ? noun.one : noun.many}.
                They reach Asterisk at the next apply.
              </p>
            )}
            {stage.skipped.length > 0 && (
              <div className="text-sm">
                <p className="font-medium">
                  {stage.skipped.length} row{stage.skipped.length === 1 ? " was" : "s were"} skipped on
                  import:
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {stage.skipped.slice(0, 50).map((s) => (
                    <li key={s.line}>
                      Line {s.line}: {s.errors.map((e) => `${e.column}: ${e.message}`).join(" ")}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className="flex gap-2">
              <Link href={list.href} className="btn-primary">
                {list.label}
              </Link>
              <button
                type="button"
                className="btn-secondary"
                onClick={() => {
                  setCsv("");
                  setStage({ kind: "input" });
                }}
              >
                Import another file
              </button>
            </div>
          </>
        )}
      </section>
    );
  }

  return (
    <div className="space-y-6">
      <section className="card space-y-4 p-6" aria-labelledby={`${ids}-source`}>
        <h2 id={`${ids}-source`} className="font-semibold">
          1. Choose a file or paste CSV
        </h2>
        <div>
          <label htmlFor={`${ids}-file`} className="label">
            CSV file
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-indigo-700 dark:file:bg-indigo-950 dark:file:text-indigo-300"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              if (file.size > maxChars * 4) {
                setError(
                  `The file is too large: keep it under ${Math.floor(maxChars / 1000)} KB, or split it.`,
                );
                return;
              }
              setCsv(await file.text());
              setStage({ kind: "input" });
              setError(null);
            }}
          />
        </div>
        <div>
          <label htmlFor={`${ids}-text`} className="label">
            CSV text
          </label>
          <textarea
            id={`${ids}-text`}
            value={csv}
            onChange={(e) => {
              setCsv(e.target.value);
              if (stage.kind !== "input") setStage({ kind: "input" });
            }}
            rows={8}
            spellCheck={false}
            placeholder={header}
            className="input font-mono text-xs"
          />
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {csv ? `${csv.length.toLocaleString("en")} characters` : "Choosing a file fills this in."}
          </p>
        </div>
        <FormError message={error} />
        <button type="button" className="btn-primary" disabled={busy || csv.trim() === ""} onClick={preview}>
          {busy ? "Checking…" : "Preview"}
        </button>
      </section>

      {stage.kind === "preview" && (
        <section className="card space-y-4 p-6" aria-labelledby={`${ids}-preview`}>
          <h2 id={`${ids}-preview`} className="font-semibold">
            2. Check and import
          </h2>
          <p role="status" className="text-sm">
            {stage.rows.length.toLocaleString("en")} rows:{" "}
            <strong>{stage.valid.toLocaleString("en")} valid</strong>,{" "}
            <strong className={stage.invalid ? "text-rose-600 dark:text-rose-400" : ""}>
              {stage.invalid.toLocaleString("en")} with errors
            </strong>
            . {stage.invalid ? "Rows with errors are skipped; fix them and import them later." : ""}
          </p>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
            Show only rows with errors
          </label>
          <PreviewTable
            columns={columns}
            rows={stage.rows.filter((r) => !onlyErrors || r.errors.length > 0)}
          />
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-primary"
              disabled={stage.valid === 0}
              onClick={() => runImport(stage.rows)}
            >
              Import {stage.valid.toLocaleString("en")} valid row{stage.valid === 1 ? "" : "s"}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setStage({ kind: "input" })}>
              Change the file
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** A request that never got a Result back (network down, server restarting) reads like any other error. */
function unreachable(): Result<never> {
  return {
    ok: false,
    error: {
      code: "unavailable:network",
      message: "The server could not be reached. Check the connection and try again.",
    },
  };
}
