import { describe, expect, it } from "vitest";
import { dialUri, parseDialString } from "./dial-string";

describe("dial strings", () => {
  it("accepts digits, *, # and + after dropping separators", () => {
    expect(parseDialString(" +1 (555) 010-2030 ")).toEqual({ ok: true, number: "+15550102030" });
    expect(parseDialString("*72#")).toEqual({ ok: true, number: "*72#" });
  });

  it("refuses anything that could smuggle URI or header syntax", () => {
    for (const bad of ["1000@evil", "1000;transport=tcp", "sip:1000", "10\r\n00", "abc", "1000>"]) {
      const r = parseDialString(bad);
      expect(r.ok).toBe(false);
    }
    expect(parseDialString("")).toEqual({ ok: false, error: "Enter a number to dial." });
    expect(parseDialString(42)).toMatchObject({ ok: false });
    expect(parseDialString("1".repeat(33))).toMatchObject({ ok: false });
  });

  it("escapes # in the URI and refuses unchecked numbers", () => {
    expect(dialUri("*72#", "pbx.example")).toBe("sip:*72%23@pbx.example");
    expect(() => dialUri("1000@x", "pbx.example")).toThrow();
  });
});
