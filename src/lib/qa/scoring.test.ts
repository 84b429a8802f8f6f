import { describe, expect, it } from "vitest";
import type { ScorecardSection } from "@/lib/db/schema/recordings";
import { scoreReview } from "./scoring";

const card: ScorecardSection[] = [
  {
    title: "Opening",
    questions: [
      { id: "greet", text: "Greeted the caller", weight: 2, type: "yes_no", allowNa: false, critical: false },
      { id: "verify", text: "Verified identity", weight: 3, type: "yes_no", allowNa: true, critical: true },
    ],
  },
  {
    title: "Resolution",
    questions: [{ id: "tone", text: "Tone", weight: 5, type: "scale", allowNa: true, critical: false }],
  },
];

describe("scoreReview", () => {
  it("scores all-perfect answers 100", () => {
    expect(scoreReview(card, { greet: "yes", verify: "yes", tone: 5 })).toEqual({
      score: 100,
      criticalFailed: false,
      missing: [],
      invalid: [],
    });
  });

  it("weights answers and maps the 1–5 scale to 0–100 %", () => {
    // greet 0/2, verify 3/3, tone 3 → 0.5 × 5 = 2.5 / 5 → 5.5 / 10
    expect(scoreReview(card, { greet: "no", verify: "yes", tone: 3 }).score).toBe(55);
  });

  it("leaves N/A answers out of the denominator", () => {
    expect(scoreReview(card, { greet: "yes", verify: "na", tone: "na" }).score).toBe(100);
    expect(scoreReview(card, { greet: "no", verify: "na", tone: 4 }).score).toBe(53.6);
  });

  it("fails the whole review on a critical no", () => {
    expect(scoreReview(card, { greet: "yes", verify: "no", tone: 5 })).toMatchObject({
      score: 0,
      criticalFailed: true,
    });
  });

  it("reports missing answers, N/A where not allowed and wrong answer types", () => {
    const r = scoreReview(card, { greet: "na", tone: "yes" as never });
    expect(r.missing).toEqual(["verify"]);
    expect(r.invalid).toEqual(["greet", "tone"]);
  });

  it("has no score when nothing applies", () => {
    const optional: ScorecardSection[] = [
      { title: "x", questions: [{ ...card[1]!.questions[0]!, id: "only" }] },
    ];
    expect(scoreReview(optional, { only: "na" }).score).toBeNull();
  });
});
