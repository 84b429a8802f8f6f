import { FINAL_TYPES, stepTarget } from "@/lib/asterisk/compiler/render-inbound";
import type { ConfigState, Destination } from "@/lib/asterisk/compiler/state";
import type { RouteStep } from "@/lib/routing/trace";
import { filterCallerNumber, matchesCaller } from "../caller-pattern";
import { screenCaller } from "./screen";
import type { DryRunContext, DryRunInput, Walker } from "./types";
import { WALKERS } from "./walkers";

/** More hops than any sane route takes: beyond it, the route loops. */
export const MAX_HOPS = 32;

export type DryRunEnd =
  /** No DID has that number: the call matches no extension in [sb-from-trunk]. */
  | { kind: "unknown-did" }
  /** A block or allow list (or a ring tree's filter) refused the caller. */
  | { kind: "refused" }
  /** The call reached a final destination (or a routing object that ends it). */
  | { kind: "destination"; destination: Destination | null }
  /** The route went round more than MAX_HOPS times. */
  | { kind: "loop" };

export type DryRunResult = { steps: RouteStep[]; end: DryRunEnd };

/**
 * "Caller X dials DID Y at time T": the route the compiled dialplan takes, as the list of
 * SwitchboardRoute steps it would announce. Pure: a function of the same ConfigState the compiler
 * renders. Final destinations (extension, group, queue, voicemail, hangup) get a `destination`
 * step as the dialplan emits it just before the jump; IVRs, time conditions and ring trees are
 * followed through their walkers (walkers.ts).
 */
export function dryRun(state: ConfigState, input: DryRunInput): DryRunResult {
  const ctx: DryRunContext = { state, input, steps: [], digits: [...input.digits] };
  const did = state.dids.find((d) => d.number === input.did.trim());
  if (!did) return { steps: ctx.steps, end: { kind: "unknown-did" } };
  ctx.steps.push({ step: "did", target: did.number, detail: did.trunkName ?? "any" });
  if (!screenCaller(ctx, did.lists)) return { steps: ctx.steps, end: { kind: "refused" } };

  let destination = did.destination;
  const caller = filterCallerNumber(input.callerId);
  const rule = did.rules.find((r) => matchesCaller(r.pattern, caller));
  if (rule) {
    ctx.steps.push({ step: "callerid", target: did.number, detail: rule.pattern });
    destination = rule.destination;
  }
  return { steps: ctx.steps, end: follow(ctx, destination) };
}

function follow(ctx: DryRunContext, first: Destination): DryRunEnd {
  let d: Destination | null = first;
  let last: Destination | null = first;
  for (let hops = 0; d; hops++) {
    if (hops >= MAX_HOPS) return { kind: "loop" };
    last = d;
    if (FINAL_TYPES.has(d.type) || !d.target)
      ctx.steps.push({ step: "destination", target: stepTarget(d), detail: d.target ? d.type : "hangup" });
    const walker: Walker | undefined = d.target ? WALKERS[d.type] : undefined;
    if (!walker) return { kind: "destination", destination: d };
    const before = ctx.steps.length;
    d = walker(ctx, d.target!);
    if (!d && ctx.steps.slice(before).some((s) => s.step === "blocklist" && s.detail === "blocked"))
      return { kind: "refused" };
  }
  return { kind: "destination", destination: last };
}
