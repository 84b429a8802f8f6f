import { z } from "zod";
import { CsvError, csvField, parseCsv } from "@/lib/csv";
import { createExtensionSchema, type ExtensionValues } from "@/lib/validations/extension";
import { hasControlChars } from "@/lib/validations/text";
import { emailField } from "@/lib/validations/user";

/**
 * The extensions CSV: its columns, the template, and row validation with the very schema the form
 * uses. Checks that need the database (numbers taken, unknown e-mails) are in import-check.ts.
 */
export const CSV_COLUMNS = [
  "number",
  "display_name",
  "email",
  "webrtc",
  "voicemail",
  "voicemail_pin",
  "recording_policy",
  "outbound_callerid",
  "codecs",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ["number", "display_name"];

export const CSV_COLUMN_HELP: Record<CsvColumn, string> = {
  number: "Required. 2 to 8 digits, unique across extensions, ring groups and queues.",
  display_name: "Required. Up to 40 letters, digits, spaces, '.', '-' or '_'.",
  email: "Optional. E-mail of an existing user to link; their extension becomes this number.",
  webrtc: "Optional. yes or no (default no).",
  voicemail: "Optional. yes or no (default no).",
  voicemail_pin: "4 to 10 digits. Required when voicemail is yes.",
  recording_policy: "Optional. always, never or on_demand (default never).",
  outbound_callerid: "Optional. Digits, '*', '#' and '+'.",
  codecs: 'Optional. Codec names separated by "|", e.g. ulaw|alaw (the default).',
};

export const MAX_IMPORT_ROWS = 10_000;
/** Server actions take at most 1 MB per request; leave room for the envelope. */
export const MAX_IMPORT_CHARS = 900_000;
export const IMPORT_CHUNK_SIZE = 500;

export const CSV_TEMPLATE = [
  CSV_COLUMNS.join(","),
  ["2001", "Front desk", "", "no", "yes", "2468", "never", "", "ulaw|alaw"].map(csvField).join(","),
  ["2002", "Ann Agent", "ann@example.com", "yes", "no", "", "on_demand", "+442071234567", "opus|ulaw"]
    .map(csvField)
    .join(","),
].join("\r\n");

/** One CSV row as strings, keyed by column; what the browser sends back for each import chunk. */
export type ImportRecord = Partial<Record<CsvColumn, string>>;
export type RowError = { column: CsvColumn | "row"; message: string };

export const importRecordSchema = z.object(
  Object.fromEntries(CSV_COLUMNS.map((c) => [c, z.string().max(20_000).optional()])) as Record<
    CsvColumn,
    z.ZodOptional<z.ZodString>
  >,
);

/** Reads the header and rows; a malformed file or header is one error for the whole file. */
export function readImportCsv(text: string): { line: number; record: ImportRecord }[] {
  if (text.length > MAX_IMPORT_CHARS)
    throw new ImportFileError(
      `The file is too large: keep it under ${Math.floor(MAX_IMPORT_CHARS / 1000)} KB.`,
    );
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new ImportFileError(
        /more than/.test(error.message)
          ? `The file has more than ${MAX_IMPORT_ROWS} rows: split it into smaller files.`
          : `The CSV could not be read. ${error.message}`,
      );
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportFileError("The file is empty. It needs a header row and at least one row.");
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new ImportFileError(
      `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c.slice(0, 40)}"`).join(", ")} in the header. Use: ${CSV_COLUMNS.join(", ")}.`,
    );
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length) throw new ImportFileError(`Column "${repeated[0]}" appears twice in the header.`);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length)
    throw new ImportFileError(
      `The header needs the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
    );
  if (rows.length === 0) throw new ImportFileError("The file has a header but no rows.");
  return rows.map((r) => {
    const record: ImportRecord = {};
    columns.forEach((c, i) => {
      record[c as CsvColumn] = r.fields[i] ?? "";
    });
    if (r.fields.length > columns.length) record[EXTRA] = String(r.fields.length);
    return { line: r.line, record };
  });
}

export class ImportFileError extends Error {}

/** Marks a row with more fields than the header has; never a real column. */
const EXTRA = "__extra" as CsvColumn;

export type CheckedRow = {
  values?: Omit<ExtensionValues, "userId">;
  email: string | null;
  errors: RowError[];
};

/** Validates one row with the form's schema; errors name the CSV column they belong to. */
export function checkImportRecord(record: ImportRecord): CheckedRow {
  const errors: RowError[] = [];
  if (record[EXTRA]) errors.push({ column: "row", message: "This row has more fields than the header." });
  const flag = (column: CsvColumn) => {
    const raw = (record[column] ?? "").trim().toLowerCase();
    if (raw === "") return undefined;
    if (["yes", "y", "true", "1", "on"].includes(raw)) return true;
    if (["no", "n", "false", "0", "off"].includes(raw)) return false;
    errors.push({ column, message: "Use yes or no." });
    return undefined;
  };
  const text = (column: CsvColumn) => {
    const v = record[column];
    return v === undefined || v === "" ? undefined : v;
  };
  const codecs = text("codecs");
  const policy = text("recording_policy");
  const input = {
    number: record.number ?? "",
    displayName: record.display_name ?? "",
    userId: null,
    webrtc: flag("webrtc"),
    voicemailEnabled: flag("voicemail"),
    voicemailPin: text("voicemail_pin"),
    recordingPolicy: policy === undefined ? undefined : policy.toLowerCase(),
    outboundCallerId: text("outbound_callerid"),
    codecs:
      codecs === undefined
        ? undefined
        : codecs.split("|").map((c) => c.replace(/^ +| +$/g, "").toLowerCase()),
  };
  const parsed = createExtensionSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = FIELD_COLUMNS[String(issue.path[0])] ?? "row";
      errors.push({ column, message: issue.message });
    }
  }
  let email: string | null = null;
  const rawEmail = record.email ?? "";
  if (rawEmail.trim() !== "") {
    const e = emailField.safeParse(rawEmail);
    if (e.success && !hasControlChars(rawEmail)) email = e.data;
    else errors.push({ column: "email", message: "Enter a valid e-mail address, or leave it empty." });
  }
  if (errors.length || !parsed.success) return { email, errors };
  const { userId: _u, ...values } = parsed.data;
  return { values, email, errors };
}

const FIELD_COLUMNS: Record<string, CsvColumn> = {
  number: "number",
  displayName: "display_name",
  webrtc: "webrtc",
  voicemailEnabled: "voicemail",
  voicemailPin: "voicemail_pin",
  recordingPolicy: "recording_policy",
  outboundCallerId: "outbound_callerid",
  codecs: "codecs",
};
