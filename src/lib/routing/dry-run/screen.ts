import type { CallerListState } from "@/lib/asterisk/compiler/state";
import { comparePatternSpecificity, filterCallerNumber, matchesCaller } from "../caller-pattern";
import type { DryRunContext } from "./types";

/**
 * Is the caller on the list at `at`? As [sb-list-match] does it: an exact entry (AstDB) that has
 * not expired, else the most specific matching pattern entry, if that one has not expired.
 */
export function isOnList(list: CallerListState, rawCaller: string, at: Date): boolean {
  const caller = filterCallerNumber(rawCaller);
  if (caller === "") return false;
  const now = Math.floor(at.getTime() / 1000);
  const live = (expiresAt: number | null) => expiresAt === null || expiresAt > now;
  const exact = list.entries.find((e) => !e.value.startsWith("_") && e.value === caller);
  if (exact && live(exact.expiresAt)) return true;
  const best = list.entries
    .filter((e) => e.value.startsWith("_") && matchesCaller(e.value, caller))
    .sort((a, b) => comparePatternSpecificity(a.value, b.value))[0];
  return Boolean(best && live(best.expiresAt));
}

/**
 * Screens the caller against an object's lists, as [sb-screen] does: allow lists first (on one:
 * through; on none: refused), else block lists (on one: refused). Pushes the blocklist steps;
 * returns false when the call is refused.
 */
export function screenCaller(ctx: DryRunContext, listIds: readonly string[]): boolean {
  const byId = new Map(ctx.state.callerLists.map((l) => [l.id, l]));
  const lists = [...new Set(listIds)].map((id) => byId.get(id)).filter((l) => l !== undefined);
  const allow = lists.filter((l) => l.kind === "allow");
  const block = lists.filter((l) => l.kind === "block");
  const { callerId, at } = ctx.input;
  if (allow.length > 0) {
    const hit = allow.find((l) => isOnList(l, callerId, at));
    if (hit) {
      ctx.steps.push({ step: "blocklist", target: hit.id, detail: "allowed" });
      return true;
    }
    ctx.steps.push({ step: "blocklist", target: allow[0]!.id, detail: "blocked" });
    return false;
  }
  const hit = block.find((l) => isOnList(l, callerId, at));
  if (hit) {
    ctx.steps.push({ step: "blocklist", target: hit.id, detail: "blocked" });
    return false;
  }
  return true;
}
