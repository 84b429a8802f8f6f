import { describe, expect, it } from "vitest";
import { CsvError, csvField, parseCsv } from "./csv";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe("parseCsv", () => {
  it("reads plain records with LF, CRLF and lone CR endings", () => {
    expect(fields("a,b,c\n1,2,3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(fields("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps empty fields, including trailing ones", () => {
    expect(fields("a,,c,\n,,,")).toEqual([
      ["a", "", "c", ""],
      ["", "", "", ""],
    ]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks", () => {
    const text = 'name,note\r\n"Smith, Ann","She said ""hi""\r\nand left"\r\n"",x\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["name", "note"] },
      { line: 2, fields: ["Smith, Ann", 'She said "hi"\r\nand left'] },
      { line: 4, fields: ["", "x"] },
    ]);
  });

  it("skips a BOM and blank lines and reports each record's starting line", () => {
    expect(parseCsv("\uFEFFa\n\n\nb\r\n\r\nc")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
      { line: 6, fields: ["c"] },
    ]);
  });

  it("keeps spaces and unusual characters as they are (validation decides)", () => {
    expect(fields(" a , b\u0000 ,#include")).toEqual([[" a ", " b\u0000 ", "#include"]]);
  });

  it.each([
    ['a,"open\n', 1, /never closed/],
    ['x\na,b"c\n', 2, /inside an unquoted field/],
    ['"a"b,c', 1, /after a closing quote/],
  ])("refuses malformed input %j with the line", (text, line, message) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(line);
      expect((e as CsvError).message).toMatch(message);
    }
  });

  it("stops at maxRecords", () => {
    expect(() => parseCsv("a\nb\nc", { maxRecords: 2 })).toThrow(/more than 2 records/);
    expect(parseCsv("a\nb", { maxRecords: 2 })).toHaveLength(2);
  });

  it("round-trips fields written with csvField", () => {
    const row = ["plain", "with,comma", 'with "quote"', "two\r\nlines", ""];
    expect(fields(row.map(csvField).join(","))).toEqual([row]);
  });
});
