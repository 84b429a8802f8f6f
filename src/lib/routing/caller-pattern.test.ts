import { describe, expect, it } from "vitest";
import { ALLOW } from "@/lib/asterisk/allowlists";
import { comparePatternSpecificity, filterCallerNumber, matchesCaller } from "./caller-pattern";

describe("matchesCaller", () => {
  it.each([
    ["0900123", "0900123", true],
    ["0900123", "09001234", false],
    ["_0900X.", "090012", true],
    ["_0900X.", "09001", false],
    ["_0900X.", "0900", false],
    ["_0900X.", "090012", true],
    ["_0900X.", "09001", false],
    ["_07[5-9]XX", "07612", true],
    ["_07[5-9]XX", "07412", false],
    ["_NXX", "212", true],
    ["_NXX", "112", false],
    ["_Z", "0", false],
    ["_+44X.", "+4412", true],
    ["_[15-7]", "6", true],
    ["_X.", "", false],
  ])("%s against %s → %s", (pattern, caller, expected) => {
    expect(matchesCaller(pattern, caller)).toBe(expected);
  });

  it("orders the more specific pattern first, as Asterisk prefers it", () => {
    expect(["_X.", "_0900X.", "_09XX."].sort(comparePatternSpecificity)).toEqual([
      "_0900X.",
      "_09XX.",
      "_X.",
    ]);
  });

  it("sees the caller number as the dialplan's FILTER does", () => {
    expect(filterCallerNumber("+44 (20) 7123-4567")).toBe("+442071234567");
  });

  it("has an allowlist that refuses everything dialplan-active", () => {
    for (const bad of [
      "_0,1",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the injection payload itself
      "_X${SHELL(id)}",
      "_0[1-",
      "_0]",
      "_X;x",
      "_0(1)",
      "0 1",
      "_X\n[ctx]",
      "_0[a-z]",
      "_0-1",
    ])
      expect(ALLOW.callerPattern.test(bad), bad).toBe(false);
    for (const good of ["_0900X.", "+441234", "_0[1-5]X!", "*67", "_[2-9]NXXXXXX"])
      expect(ALLOW.callerPattern.test(good), good).toBe(true);
  });
});
