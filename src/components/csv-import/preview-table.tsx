/** A checked CSV row: its fields by column, errors by column, and (extensions) warnings. */
export type CsvPreviewRow<Rec> = {
  line: number;
  record: Rec;
  errors: { column: string; message: string }[];
  warnings?: string[];
};

/** One preview column: its heading and the record's text to show (clipped and made visible). */
export type CsvPreviewColumn<Rec> = {
  label: string;
  value: (record: Rec) => string | undefined;
  mono?: boolean;
};

/** Rows the preview table shows at most; the counts above it always cover the whole file. */
export const PREVIEW_ROWS_SHOWN = 500;

/** The checked rows: each with its errors (by CSV column) or OK, and any warnings. */
export function PreviewTable<Rec>({
  rows,
  columns,
}: {
  rows: CsvPreviewRow<Rec>[];
  columns: CsvPreviewColumn<Rec>[];
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No rows to show.</p>;
  return (
    <>
      <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="table-base" aria-label="Import preview">
          <thead className="sticky top-0 bg-white dark:bg-slate-900">
            <tr>
              <th scope="col">Line</th>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.slice(0, PREVIEW_ROWS_SHOWN).map((r) => (
              <tr
                key={r.line}
                data-testid="preview-row"
                className={r.errors.length ? "bg-rose-50/60 dark:bg-rose-950/30" : undefined}
              >
                <td className="tabular-nums text-slate-500">{r.line}</td>
                {columns.map((c) => (
                  <td key={c.label} className={c.mono ? "font-mono" : undefined}>
                    {clip(c.value(r.record))}
                  </td>
                ))}
                <td>
                  {r.errors.length ? (
                    <ul className="text-rose-700 dark:text-rose-300">
                      {r.errors.map((e) => (
                        <li key={`${e.column}:${e.message}`}>
                          <span className="font-mono text-xs">{e.column}</span>: {e.message}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-teal-700 dark:text-teal-300">OK</span>
                  )}
                  {r.warnings?.map((w) => (
                    <p key={w} className="text-xs text-amber-700 dark:text-amber-300">
                      {w}
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > PREVIEW_ROWS_SHOWN && (
        <p className="text-xs text-slate-500">
          Showing the first {PREVIEW_ROWS_SHOWN} of {rows.length.toLocaleString("en")} rows.
        </p>
      )}
    </>
  );
}

/** Shows a cell's text safely: React escapes it; control characters become visible and long text is cut. */
function clip(value: string | undefined) {
  if (!value) return "—";
  const visible = Array.from(value, (ch) => {
    const c = ch.charCodeAt(0);
    return c < 0x20 || c === 0x7f ? "\uFFFD" : ch;
  }).join("");
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
}
