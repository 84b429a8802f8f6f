import { originateFrom } from "../call-legs";
import { dialExtensionSteps, pickIdle } from "../flow-steps";
import type { ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import type { SimChannel } from "../world-types";

export type BasicCallParams = {
  /** Calling phone, or any other number to call in over the trunk. Default: an idle phone. */
  from?: string;
  /** Called phone. Default: another idle phone. */
  to?: string;
  ringMs?: number;
  /** null keeps the call up until a panel Hangup. */
  talkMs?: number | null;
  /** false: nobody answers and the caller gives up after ringMs. */
  answer?: boolean;
  hangupBy?: "caller" | "callee";
};

/** 03-basic-call-answered: a phone dials another, it rings, is answered, they talk, one hangs up. */
export function basicCallScenario(ctx: ScenarioContext, params: BasicCallParams = {}): ScenarioStep[] {
  let caller: SimChannel | undefined;
  let target: string | undefined;
  return [
    {
      afterMs: 0,
      run: () => {
        const from = params.from ?? pickIdle(ctx);
        target = params.to ?? pickIdle(ctx, [from]);
        if (!from || !target) return "stop";
        caller = originateFrom(ctx.world, from, target, ctx.runId);
      },
    },
    ...dialExtensionSteps(
      ctx,
      () => caller,
      () => target,
      {
        ringMs: params.ringMs ?? 2000,
        talkMs: params.talkMs === undefined ? 5000 : params.talkMs,
        answer: params.answer,
        hangupBy: params.hangupBy,
      },
    ),
  ];
}
