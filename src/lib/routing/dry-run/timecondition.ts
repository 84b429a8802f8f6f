import type { Destination } from "@/lib/validations/destination";
import { evaluateTimeCondition } from "../time-condition";
import type { Walker } from "./types";

/**
 * A time condition in the dry run: the same holidays-then-rules evaluation as the compiled
 * GotoIfTime lines, in the time zone from settings, at the dry run's moment.
 */
export const walkTimeCondition: Walker = (ctx, number) => {
  const tc = ctx.state.timeConditions.find((t) => t.number === number);
  if (!tc) return null;
  const { matched } = evaluateTimeCondition(tc, ctx.input.at, ctx.state.timezone);
  ctx.steps.push({ step: "timecondition", target: number, detail: matched ? "matched" : "unmatched" });
  return toDestination(matched ? tc.matched : tc.unmatched);
};

export function toDestination(d: { type: Destination["type"]; target: string | null }): Destination {
  return d.type === "hangup" || !d.target
    ? { type: "hangup", target: null }
    : { type: d.type, target: d.target };
}
