import { bridgedPeer, originateFrom } from "../call-legs";
import { holdEvent, mohEvent } from "../channel-events";
import { dialExtensionSteps, pickIdle } from "../flow-steps";
import { owns, type ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import { hangupChannel } from "../teardown";
import { syncEndpoint } from "../world-devices";
import type { SimChannel } from "../world-types";

export type HoldCallParams = {
  from?: string;
  to?: string;
  ringMs?: number;
  /** Talk before the hold. */
  holdAfterMs?: number;
  holdMs?: number;
  /** Talk after the unhold, then the caller hangs up. */
  talkMs?: number;
  /** Which side presses hold. Default the caller, as 09 starts. */
  holder?: "caller" | "callee";
};

/** 09-hold-unhold: a call is answered, one side holds (Hold + the other side's MOH), then resumes. */
export function holdCallScenario(ctx: ScenarioContext, params: HoldCallParams = {}): ScenarioStep[] {
  const { world } = ctx;
  let caller: SimChannel | undefined;
  let target: string | undefined;
  const holder = () => (params.holder === "callee" && caller ? bridgedPeer(world, caller) : caller);
  const toggle =
    (on: boolean): ScenarioStep["run"] =>
    () => {
      const h = holder();
      const other = h ? bridgedPeer(world, h) : undefined;
      if (!owns(ctx, h) || !owns(ctx, other)) return "stop";
      holdEvent(world, h, on);
      mohEvent(world, other, on);
      syncEndpoint(world, h.endpoint);
    };
  return [
    {
      afterMs: 0,
      run: () => {
        const from = params.from ?? pickIdle(ctx);
        target = params.to ?? pickIdle(ctx, [from]);
        if (!from || !target) return "stop";
        caller = originateFrom(world, from, target, ctx.runId);
      },
    },
    ...dialExtensionSteps(
      ctx,
      () => caller,
      () => target,
      { ringMs: params.ringMs ?? 2000, talkMs: null },
    ),
    { afterMs: params.holdAfterMs ?? 3000, phase: "held", run: toggle(true) },
    { afterMs: params.holdMs ?? 4000, phase: "unheld", run: toggle(false) },
    {
      afterMs: params.talkMs ?? 2000,
      phase: "hungup",
      run: () => {
        if (!owns(ctx, caller)) return "stop";
        hangupChannel(world, caller);
      },
    },
  ];
}
