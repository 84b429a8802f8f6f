/**
 * A small RFC 4180 CSV reader: comma-separated fields; records end at CRLF, LF or CR; a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). A leading BOM and blank
 * lines are skipped. It is strict where sloppiness hides mistakes: a quote inside an unquoted
 * field, text after a closing quote, or a quote left open are errors with the line they start on.
 */
export type CsvRecord = { /** 1-based line the record starts on. */ line: number; fields: string[] };

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = "CsvError";
  }
}

export function parseCsv(text: string, { maxRecords = Number.POSITIVE_INFINITY } = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;

  while (i < n) {
    const start = line;
    const fields: string[] = [];
    // One record.
    for (;;) {
      let value = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvError(start, "a quoted field is never closed.");
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
          value += c;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r")
          throw new CsvError(line, "unexpected text after a closing quote.");
      } else {
        const from = i;
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          if (text[i] === '"')
            throw new CsvError(line, 'a quote (") inside an unquoted field; quote the whole field.');
          i++;
        }
        value = text.slice(from, i);
      }
      fields.push(value);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    // End of record: CRLF, LF, CR or end of text.
    if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
    else if (i < n) i++;
    const blank = fields.length === 1 && fields[0] === "";
    if (!blank) {
      if (records.length >= maxRecords) throw new CsvError(start, `more than ${maxRecords} records.`);
      records.push({ line: start, fields });
    }
    line++;
  }
  return records;
}

/** Quotes a field when it needs it, for writing CSV (the import template). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
