import type { QaAnswer, ScorecardSection } from "@/lib/db/schema/recordings";

export type ScoreResult = {
  /** 0–100, one decimal; 0 when a critical question failed; null when nothing applied. */
  score: number | null;
  criticalFailed: boolean;
  /** Question ids without an answer (every question needs one, "na" included). */
  missing: string[];
  /** Question ids answered with something their type doesn't allow. */
  invalid: string[];
};

/**
 * Weighted percentage of the applicable answers. A yes/no question earns its full weight for
 * "yes" and nothing for "no"; a 1–5 scale earns (n − 1) / 4 of it. "na" (only where the question
 * allows it) drops the question from both sides. A "no" (or a 1 on a scale) on a critical
 * question fails the whole review: score 0.
 */
export function scoreReview(
  sections: readonly ScorecardSection[],
  answers: Readonly<Record<string, QaAnswer>>,
): ScoreResult {
  let earned = 0;
  let possible = 0;
  let criticalFailed = false;
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const q of sections.flatMap((s) => s.questions)) {
    const a = answers[q.id];
    if (a === undefined) {
      missing.push(q.id);
      continue;
    }
    if (a === "na") {
      if (!q.allowNa) invalid.push(q.id);
      continue;
    }
    const fraction = q.type === "yes_no" ? yesNo(a) : scale(a);
    if (fraction === null) {
      invalid.push(q.id);
      continue;
    }
    if (q.critical && fraction === 0) criticalFailed = true;
    earned += q.weight * fraction;
    possible += q.weight;
  }
  if (criticalFailed) return { score: 0, criticalFailed, missing, invalid };
  const score = possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null;
  return { score, criticalFailed, missing, invalid };
}

function yesNo(a: QaAnswer): number | null {
  if (a === "yes") return 1;
  if (a === "no") return 0;
  return null;
}

function scale(a: QaAnswer): number | null {
  return typeof a === "number" && Number.isInteger(a) && a >= 1 && a <= 5 ? (a - 1) / 4 : null;
}
