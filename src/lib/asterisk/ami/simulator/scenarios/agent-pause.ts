import { pauseMember } from "../queue-members";
import type { ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import type { SimMember } from "../world-types";

export const BREAK_CODES = ["break", "lunch", "meeting", "training", "wrapup"] as const;

export type AgentPauseParams = {
  /** The agent's extension (member PJSIP/<ext>). Default: a random unpaused member. */
  member?: string;
  /** Pause in this queue only (name or number); default every queue, like QueuePause without Queue. */
  queue?: string;
  /** PausedReason (the app's break code). Default: a random one. */
  reason?: string;
  /** How long the break lasts; null never unpauses. */
  pauseMs?: number | null;
};

/** 08's pause/unpause: QueueMemberPause with PausedReason in each queue, then an unpause. */
export function agentPauseScenario(ctx: ScenarioContext, params: AgentPauseParams = {}): ScenarioStep[] {
  const { world } = ctx;
  let members: SimMember[] = [];
  const steps: ScenarioStep[] = [
    {
      afterMs: 0,
      phase: "paused",
      run: () => {
        const all = [...world.queues.values()].flatMap((q) => [...q.members.values()]);
        const iface = params.member
          ? `PJSIP/${params.member}`
          : pickInterface(
              ctx,
              all.filter((m) => !m.paused),
            );
        members = all.filter(
          (m) =>
            m.interface === iface &&
            !m.paused &&
            (!params.queue || m.queue === params.queue || m.queue === `q${params.queue}`),
        );
        if (members.length === 0) return "stop";
        const reason = params.reason ?? world.prng.pick(BREAK_CODES);
        for (const member of members) pauseMember(world, member, true, reason);
      },
    },
  ];
  if (params.pauseMs !== null) {
    steps.push({
      afterMs: params.pauseMs ?? 10_000,
      phase: "unpaused",
      run: () => {
        for (const member of members) {
          const queue = world.queues.get(member.queue);
          if (member.paused && queue?.members.get(member.interface) === member)
            pauseMember(world, member, false);
        }
      },
    });
  }
  return steps;
}

function pickInterface(ctx: ScenarioContext, members: SimMember[]): string | undefined {
  return members.length > 0 ? ctx.world.prng.pick(members).interface : undefined;
}
