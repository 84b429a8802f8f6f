/**
 * CSV cells and the columns of a call export. A spreadsheet runs a cell starting with = + - @
 * (or a tab / carriage return that hides one) as a formula, so such cells get a leading
 * apostrophe (OWASP's CSV-injection guard); phone numbers like +15551234 therefore export as
 * '+15551234, which spreadsheets display without the quote.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet cell may safely hold: formula starts neutralised. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = guardFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export type ExportableCall = {
  calldate: Date;
  answer: Date | null;
  end: Date | null;
  clid: string;
  src: string;
  dst: string;
  direction: string;
  disposition: string;
  duration: number;
  billsec: number;
  legs: number;
  queues: string[];
  agents: string[];
  dispositions: string[];
  dispositionNotes: string[];
  linkedid: string;
};

export const EXPORT_HEADER = [
  "Start (UTC)",
  "Answered (UTC)",
  "End (UTC)",
  "Caller ID",
  "From",
  "To",
  "Direction",
  "Disposition",
  "Duration (s)",
  "Billed (s)",
  "Records",
  "Queues",
  "Agents",
  "Disposition code",
  "Wrap-up notes",
  "Linkedid",
] as const;

export function exportValues(call: ExportableCall): (string | number)[] {
  return [
    utc(call.calldate),
    call.answer ? utc(call.answer) : "",
    call.end ? utc(call.end) : "",
    call.clid,
    call.src,
    call.dst,
    call.direction,
    call.disposition,
    call.duration,
    call.billsec,
    call.legs,
    call.queues.join(" "),
    call.agents.join(" "),
    call.dispositions.join("; "),
    call.dispositionNotes.join(" | "),
    call.linkedid,
  ];
}

export function utc(d: Date): string {
  return d.toISOString().replace("T", " ").slice(0, 19);
}
