import type { LiveChannel, LiveState } from "@/lib/asterisk/live/types";

/**
 * The channel a soundboard clip plays into: the extension's own leg of a call that is up and
 * bridged to someone (not a spy leg, not on hold). With several (an attended transfer in
 * progress), the most recently answered one — the call the agent is talking on.
 */
export function currentCallChannel(state: LiveState, extension: string): LiveChannel | null {
  let best: LiveChannel | null = null;
  for (const c of Object.values(state.channels)) {
    if (c.endpoint !== extension || c.state !== "Up" || !c.bridgeId || c.spying || c.onHold) continue;
    if (!best || (c.answeredAt ?? 0) > (best.answeredAt ?? 0)) best = c;
  }
  return best;
}
