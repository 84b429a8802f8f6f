import { bridgedPeer, originateFrom } from "../call-legs";
import { dialExtensionSteps, pickIdle, prefixPhases } from "../flow-steps";
import { owns, type ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import { blindTransfer } from "../transfers";
import type { SimChannel } from "../world-types";

export type BlindTransferParams = {
  from?: string;
  to?: string;
  /** Where the called phone transfers the caller. Default: another idle phone. */
  transferTo?: string;
  ringMs?: number;
  /** Talk before the transfer. */
  transferAfterMs?: number;
  /** Talk with the transfer target, then the caller hangs up. */
  talkMs?: number;
};

/**
 * 10-blind-transfer: 1001 ↔ 1002 answered, 1002's channel is blind-transferred (AMI
 * BlindTransfer) to a third phone, which rings and answers. Phases of the second leg are
 * `target-ringing`, `target-answered`, `target-hungup`.
 */
export function blindTransferScenario(
  ctx: ScenarioContext,
  params: BlindTransferParams = {},
): ScenarioStep[] {
  const { world } = ctx;
  let caller: SimChannel | undefined;
  let target: string | undefined;
  let transferTarget: string | undefined;
  return [
    {
      afterMs: 0,
      run: () => {
        const from = params.from ?? pickIdle(ctx);
        target = params.to ?? pickIdle(ctx, [from]);
        transferTarget = params.transferTo ?? pickIdle(ctx, [from, target]);
        if (!from || !target || !transferTarget) return "stop";
        caller = originateFrom(world, from, target, ctx.runId);
      },
    },
    ...dialExtensionSteps(
      ctx,
      () => caller,
      () => target,
      { ringMs: params.ringMs ?? 2000, talkMs: null },
    ),
    {
      afterMs: params.transferAfterMs ?? 3000,
      phase: "transferred",
      run: () => {
        const transferer = caller ? bridgedPeer(world, caller) : undefined;
        if (!owns(ctx, caller) || !owns(ctx, transferer) || !transferTarget) return "stop";
        blindTransfer(world, transferer, transferTarget, world.options.context);
      },
    },
    ...prefixPhases(
      "target-",
      dialExtensionSteps(
        ctx,
        () => caller,
        () => transferTarget,
        { ringMs: params.ringMs ?? 2000, talkMs: params.talkMs ?? 4000 },
      ),
    ),
  ];
}
