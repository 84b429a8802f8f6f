import { bridgedPeer, originateFrom } from "../call-legs";
import { dialExtensionSteps, pickIdle } from "../flow-steps";
import { dialParkingSpace, endParkedCall, parkChannel, parkedCallOf, unpark } from "../parking";
import { owns, type ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import { hangupChannel } from "../teardown";
import type { SimChannel } from "../world-types";

export type ParkCallParams = {
  from?: string;
  to?: string;
  /** Who picks the parked call up. Default: another idle phone. */
  retriever?: string;
  ringMs?: number;
  parkAfterMs?: number;
  /** How long the call stays parked before the pickup (or the give-up). */
  parkedMs?: number;
  /** false: nobody picks up and the parked caller hangs up (ParkedCallGiveUp). */
  retrieve?: boolean;
  talkMs?: number;
  /** The parker's phone, left alone in the bridge, hangs up this much later. Default 2.5 s (12). */
  parkerLeavesAfterMs?: number;
};

/**
 * 12-park-unpark: a call is answered, the caller is parked (the called phone parks it and hangs
 * up ~2.5 s later), a third phone dials the space and picks it up (UnParkedCall).
 */
export function parkCallScenario(ctx: ScenarioContext, params: ParkCallParams = {}): ScenarioStep[] {
  const { world } = ctx;
  let caller: SimChannel | undefined;
  let parker: SimChannel | undefined;
  let retriever: SimChannel | undefined;
  let target: string | undefined;
  let space: string | undefined;
  const steps: ScenarioStep[] = [
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
    {
      afterMs: params.parkAfterMs ?? 3000,
      phase: "parked",
      run: () => {
        parker = caller ? bridgedPeer(world, caller) : undefined;
        if (!owns(ctx, caller) || !owns(ctx, parker)) return "stop";
        space = parkChannel(world, caller, `PJSIP/${parker.endpoint}`);
        if (!space) hangupChannel(world, caller);
      },
    },
    {
      afterMs: params.parkerLeavesAfterMs ?? 2500,
      phase: "parker-left",
      run: () => {
        if (owns(ctx, parker)) hangupChannel(world, parker);
      },
    },
  ];
  const stillParked = () => owns(ctx, caller) && parkedCallOf(world, caller) !== undefined;
  if (params.retrieve === false) {
    steps.push({
      afterMs: params.parkedMs ?? 5000,
      phase: "gave-up",
      run: () => {
        if (!stillParked() || !caller) return "stop";
        endParkedCall(world, caller, "ParkedCallGiveUp");
      },
    });
    return steps;
  }
  steps.push(
    {
      afterMs: params.parkedMs ?? 3000,
      phase: "retrieving",
      run: () => {
        const who = params.retriever ?? pickIdle(ctx);
        if (!stillParked() || !who || !space) return "stop";
        retriever = dialParkingSpace(world, who, space, ctx.runId);
      },
    },
    {
      afterMs: 30,
      phase: "unparked",
      run: () => {
        if (!stillParked() || !owns(ctx, retriever) || !space) return "stop";
        unpark(world, space, retriever);
      },
    },
    {
      afterMs: params.talkMs ?? 4000,
      phase: "hungup",
      run: () => {
        if (!owns(ctx, retriever)) return "stop";
        hangupChannel(world, retriever);
      },
    },
  );
  return steps;
}
