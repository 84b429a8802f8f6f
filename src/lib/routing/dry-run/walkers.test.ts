import { describe, expect, it } from "vitest";
import { SAMPLE_STATE } from "@/lib/asterisk/compiler/sample-state";
import type { DryRunContext } from "./types";
import { WALKERS } from "./walkers";

const ctx = (digits: string[], at: string): DryRunContext => ({
  state: SAMPLE_STATE,
  input: { did: "0000", callerId: "5551234", at: new Date(at), digits },
  steps: [],
  digits: [...digits],
});
// Tuesday 2026-11-24 10:00 London, and Saturday 2026-11-28 10:00.
const WEEKDAY = "2026-11-24T10:00:00Z";
const SATURDAY = "2026-11-28T10:00:00Z";
const ivr = WALKERS.ivr!;
const tc = WALKERS.timecondition!;
const steps = (c: DryRunContext) => c.steps.map((s) => `${s.step}:${s.target}:${s.detail}`);

describe("walkIvr", () => {
  it("takes the branch of the key pressed", () => {
    const c = ctx(["1"], WEEKDAY);
    expect(ivr(c, "7150")).toEqual({ type: "queue", target: "5000" });
    expect(steps(c)).toEqual([
      "ivr:7150:start",
      "ivr:7150:welcome",
      "ivr:7150:menu",
      "ivr-input:7150:1",
      "ivr:7150:sales",
    ]);
  });

  it("walks a time-condition step in the settings time zone", () => {
    const weekday = ctx(["2"], WEEKDAY);
    expect(ivr(weekday, "7150")).toEqual({ type: "queue", target: "5001" });
    expect(steps(weekday)).toContain("timecondition:7001:unmatched");
    const saturday = ctx(["2"], SATURDAY);
    expect(ivr(saturday, "7150")).toEqual({ type: "hangup", target: null });
    expect(steps(saturday)).toContain("timecondition:7001:matched");
  });

  it("with no key, replays the prompt for the retries, then takes the timeout branch", () => {
    const c = ctx([], WEEKDAY);
    expect(ivr(c, "7150")).toEqual({ type: "hangup", target: null });
    expect(steps(c).slice(-2)).toEqual(["ivr-input:7150:timeout", "ivr:7150:bye"]);
  });

  it("counts wrong keys as retries, then follows the invalid branch (back to the menu here)", () => {
    const c = ctx(["5", "6", "7", "#"], WEEKDAY);
    expect(ivr(c, "7150")).toEqual({ type: "voicemail", target: "1001" });
    expect(steps(c)).toEqual([
      "ivr:7150:start",
      "ivr:7150:welcome",
      "ivr:7150:menu",
      "ivr-input:7150:invalid",
      "ivr:7150:menu",
      "ivr-input:7150:#",
      "ivr:7150:vm",
    ]);
    expect(c.digits).toEqual([]);
  });

  it("returns null for an unknown IVR", () => {
    expect(ivr(ctx([], WEEKDAY), "7999")).toBeNull();
  });
});

describe("walkTimeCondition", () => {
  it("sends holidays to unmatched and follows the schedule otherwise", () => {
    const holiday = ctx([], "2026-12-24T10:00:00Z");
    expect(tc(holiday, "7000")).toEqual({ type: "voicemail", target: "1001" });
    expect(steps(holiday)).toEqual(["timecondition:7000:unmatched"]);
    const open = ctx([], WEEKDAY);
    expect(tc(open, "7000")).toEqual({ type: "ivr", target: "7150" });
    expect(steps(open)).toEqual(["timecondition:7000:matched"]);
  });
});
