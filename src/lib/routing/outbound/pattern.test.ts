import { describe, expect, it } from "vitest";
import { bestMatch, comparePatterns, matchPattern, mustParse, parsePattern } from "./pattern";

const m = (pattern: string, dialled: string) => matchPattern(mustParse(pattern), dialled);
const sortAsterisk = (patterns: string[]) =>
  [...patterns].sort((a, b) => comparePatterns(mustParse(a), mustParse(b)));

describe("parsePattern", () => {
  it.each([
    "112",
    "+4420",
    "*72",
    "_X.",
    "_00Z.",
    "_0[1-9]XXXXXXXX",
    "_[0137-9]XX",
    "_NXXNXXXXXX",
    "_9!",
    "_+Z.",
    "_#X",
  ])("accepts %s", (p) => {
    expect(parsePattern(p).ok).toBe(true);
  });

  it.each([
    ["", "Use digits"],
    ["_X.X", "'.' and '!' may only end"],
    ["_X!.", "'.' and '!' may only end"],
    ["_0[1-9XX", "Unbalanced"],
    ["_01-9]X", "Unbalanced"],
    ["0X.", "must start with '_'"],
    ["_x.", "capitals"],
    ["_[9-1]X", "runs backwards"],
    ["_.", "Use digits"],
    ["_[]X", "Use digits"],
    ["_[a-z]X", "Use digits"],
    ["_X.;Dial()", "may only end"],
    ["_X,1", "Use digits"],
    ["_X$", "Use digits"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the injection payload itself
    ["_X${SHELL(id)}", "Use digits"],
    ["_X(1)", "Use digits"],
    ["_X&", "Use digits"],
    ["_X|", "Use digits"],
    ["_X\nexten => 1,1,System(id)", "Use digits"],
    ["_1-800-XXX", "Use digits"],
    [`_${"X".repeat(40)}`, "at most 40"],
  ])("refuses %j with a message", (p, message) => {
    const parsed = parsePattern(p);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe("matchPattern (Asterisk E_MATCH)", () => {
  it("matches literals exactly", () => {
    expect(m("112", "112")).toBe(true);
    expect(m("112", "1120")).toBe(false);
    expect(m("112", "11")).toBe(false);
  });
  it("X, N, Z and sets match one character each", () => {
    expect(m("_NXX", "200")).toBe(true);
    expect(m("_NXX", "100")).toBe(false);
    expect(m("_ZX", "10")).toBe(true);
    expect(m("_ZX", "01")).toBe(false);
    expect(m("_[13-5]X", "49")).toBe(true);
    expect(m("_[13-5]X", "29")).toBe(false);
    expect(m("_XXX", "12")).toBe(false);
    expect(m("_XXX", "1234")).toBe(false);
    expect(m("_X", "*")).toBe(false);
  });
  it("'.' needs at least one more character, '!' none", () => {
    expect(m("_0044X.", "00441")).toBe(false);
    expect(m("_0044X.", "004412")).toBe(true);
    expect(m("_0044X.", "0044123456789")).toBe(true);
    expect(m("_0044X!", "00441")).toBe(true);
    expect(m("_0044!", "0044")).toBe(true);
    expect(m("_0044!", "004")).toBe(false);
  });
  it("'.' matches anything after, not only digits (the dialplan filters what it sends)", () => {
    expect(m("_9.", "9*#+1")).toBe(true);
  });
  it("+, * and # are literal characters", () => {
    expect(m("_+44X.", "+44201")).toBe(true);
    expect(m("_+44X.", "044201")).toBe(false);
    expect(m("_*7X", "*72")).toBe(true);
  });
});

describe("comparePatterns (pbx.c ext_cmp order)", () => {
  it("puts literals before patterns", () => {
    expect(sortAsterisk(["_X.", "112"])).toEqual(["112", "_X."]);
  });
  it("orders by the smaller set at the first difference: digit < N < Z < X < . < !", () => {
    expect(sortAsterisk(["_X!", "_X.", "_XX", "_ZX", "_NX", "_2X"])).toEqual([
      "_2X",
      "_NX",
      "_ZX",
      "_XX",
      "_X.",
      "_X!",
    ]);
  });
  it("compares position by position, not by length", () => {
    // 0 (one char) beats X at the first position, however long the rest is.
    expect(sortAsterisk(["_X.", "_0044X.", "_00X."])).toEqual(["_0044X.", "_00X.", "_X."]);
    expect(sortAsterisk(["_0X.", "_00X."])).toEqual(["_00X.", "_0X."]);
  });
  it("breaks ties between equal-sized sets by the lowest differing character", () => {
    expect(sortAsterisk(["_[24]X", "_[13]X"])).toEqual(["_[13]X", "_[24]X"]);
    expect(sortAsterisk(["_[14]X", "_[13]X"])).toEqual(["_[13]X", "_[14]X"]);
    // a set of one is a literal
    expect(comparePatterns(mustParse("_[5]X"), mustParse("_5X"))).toBe(0);
  });
  it("the end of a pattern scores above any set, so the longer of two otherwise equal patterns comes first", () => {
    expect(sortAsterisk(["_XXX", "_XXXX"])).toEqual(["_XXXX", "_XXX"]);
  });
});

describe("bestMatch", () => {
  const list = ["_X.", "_00X.", "_0044X.", "00441"].map((text) => ({ text, parsed: mustParse(text) }));
  it("takes the most specific matching pattern, as Asterisk does within a context", () => {
    expect(bestMatch(list, "0044123")?.text).toBe("_0044X.");
    expect(bestMatch(list, "0033123")?.text).toBe("_00X.");
    expect(bestMatch(list, "123")?.text).toBe("_X.");
    expect(bestMatch(list, "00441")?.text).toBe("00441");
    expect(bestMatch(list, "")).toBeNull();
  });
});
