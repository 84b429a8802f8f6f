import { z } from "zod";
import { CsvError, csvField, parseCsv } from "@/lib/csv";
import { createDidSchema, type DidValues } from "@/lib/validations/inbound";

/**
 * The DIDs CSV: columns, template, and row validation with the very schema the DID form uses.
 * Checks that need the database (numbers taken, destinations, list names) are in did-import.ts.
 */
export const DID_CSV_COLUMNS = [
  "number",
  "description",
  "trunk",
  "destination_type",
  "destination_target",
  "lists",
] as const;
export type DidCsvColumn = (typeof DID_CSV_COLUMNS)[number];
export const DID_REQUIRED_COLUMNS: readonly DidCsvColumn[] = ["number", "destination_type"];

export const DID_CSV_COLUMN_HELP: Record<DidCsvColumn, string> = {
  number: "Required. The inbound number: an optional '+' and 2 to 20 digits.",
  description: "Optional. Up to 40 letters, digits, spaces, '.', '-' or '_'.",
  trunk: "Optional. The identifier of the trunk it arrives on.",
  destination_type: "Required. extension, group, queue, voicemail, ivr, timecondition, ringtree or hangup.",
  destination_target: "The destination's number (2–8 digits); empty for hangup.",
  lists: 'Optional. Names of block or allow lists, separated by "|".',
};

export const MAX_DID_IMPORT_ROWS = 5_000;
export const MAX_DID_IMPORT_CHARS = 900_000;
export const DID_IMPORT_CHUNK_SIZE = 500;

export const DID_CSV_TEMPLATE = [
  DID_CSV_COLUMNS.join(","),
  ["+442071230000", "Main line", "carrier-a", "queue", "5000", ""].map(csvField).join(","),
  ["+442071230001", "Sales direct", "carrier-a", "group", "600", "Spam"].map(csvField).join(","),
].join("\r\n");

export type DidImportRecord = Partial<Record<DidCsvColumn, string>>;
export type DidRowError = { column: DidCsvColumn | "row"; message: string };

export const didImportRecordSchema = z.object(
  Object.fromEntries(DID_CSV_COLUMNS.map((c) => [c, z.string().max(2_000).optional()])) as Record<
    DidCsvColumn,
    z.ZodOptional<z.ZodString>
  >,
);

export class DidImportFileError extends Error {}

const EXTRA = "__extra" as DidCsvColumn;

/** Reads the header and rows; a malformed file or header is one error for the whole file. */
export function readDidCsv(text: string): { line: number; record: DidImportRecord }[] {
  if (text.length > MAX_DID_IMPORT_CHARS)
    throw new DidImportFileError(
      `The file is too large: keep it under ${Math.floor(MAX_DID_IMPORT_CHARS / 1000)} KB.`,
    );
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text, { maxRecords: MAX_DID_IMPORT_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvError)
      throw new DidImportFileError(
        /more than/.test(error.message)
          ? `The file has more than ${MAX_DID_IMPORT_ROWS} rows: split it into smaller files.`
          : `The CSV could not be read. ${error.message}`,
      );
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new DidImportFileError("The file is empty. It needs a header row and at least one row.");
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(DID_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new DidImportFileError(
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c.slice(0, 40)}"`).join(", ")} in the header. Use: ${DID_CSV_COLUMNS.join(", ")}.`,
    );
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) throw new DidImportFileError(`Column "${repeated[0]}" appears twice in the header.`);
  const missing = DID_REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new DidImportFileError(
      `The header needs the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
    );
  if (rows.length === 0) throw new DidImportFileError("The file has a header but no rows.");
  return rows.map((r) => {
    const record: DidImportRecord = {};
    columns.forEach((c, i) => {
      record[c as DidCsvColumn] = r.fields[i] ?? "";
    });
    if (r.fields.length > columns.length) record[EXTRA] = String(r.fields.length);
    return { line: r.line, record };
  });
}

/** Validates one row with the form's schema; list names are returned for the database check. */
export function checkDidRecord(record: DidImportRecord): {
  values?: Omit<DidValues, "lists">;
  listNames: string[];
  errors: DidRowError[];
} {
  const errors: DidRowError[] = [];
  if (record[EXTRA]) errors.push({ column: "row", message: "This row has more fields than the header." });
  const listNames = (record.lists ?? "")
    .split("|")
    .map((n) => n.replace(/^ +| +$/g, ""))
    .filter(Boolean);
  const type = (record.destination_type ?? "").trim().toLowerCase();
  const parsed = createDidSchema.safeParse({
    number: record.number ?? "",
    description: record.description ?? "",
    trunkName: record.trunk ?? "",
    destination: { type, target: type === "hangup" ? "" : (record.destination_target ?? "") },
    rules: [],
    lists: [],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = String(issue.path[0]);
      const column: DidCsvColumn | "row" =
        head === "number"
          ? "number"
          : head === "description"
            ? "description"
            : head === "trunkName"
              ? "trunk"
              : head === "destination"
                ? issue.path[1] === "target"
                  ? "destination_target"
                  : "destination_type"
                : "row";
      errors.push({ column, message: issue.message });
    }
    return { listNames, errors };
  }
  if (errors.length) return { listNames, errors };
  const { lists: _l, ...values } = parsed.data;
  return { values, listNames, errors };
}
