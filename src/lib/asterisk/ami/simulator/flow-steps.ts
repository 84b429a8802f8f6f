import { answerDial, idleExtensions, ringExtension } from "./call-legs";
import { setState } from "./channel-events";
import { joinConference } from "./conference";
import { endParkedCall, parkChannel, parkedCallOf, unpark } from "./parking";
import {
  abandonQueue,
  answerQueueCall,
  joinQueue,
  ringMembers,
  selectMembers,
  waitingQueue,
} from "./queue-calls";
import { owns, type ScenarioContext } from "./scenario-context";
import type { ScenarioStep } from "./scenario-runner";
import { hangupAlone, hangupChannel } from "./teardown";
import { syncEndpoint } from "./world-devices";
import type { SimChannel, SimQueue } from "./world-types";

/**
 * Reusable stretches of a call, as timed step lists. Scenarios chain them, and panel actions
 * (Redirect, BlindTransfer, Originate) use them for wherever a channel goes next, so a
 * redirected call rings, answers and ends the same way a generated one does.
 */

export type CallTiming = {
  ringMs: number;
  /** How long the call stays up after the answer; null leaves it up until someone hangs up. */
  talkMs: number | null;
};

export type DialOptions = CallTiming & { answer?: boolean; hangupBy?: "caller" | "callee" };

/** `caller()` dials a phone: it rings, is answered (or the caller gives up), then the call ends. */
export function dialExtensionSteps(
  ctx: ScenarioContext,
  caller: () => SimChannel | undefined,
  target: string | (() => string | undefined),
  options: DialOptions,
): ScenarioStep[] {
  const { world } = ctx;
  let callee: SimChannel | undefined;
  const steps: ScenarioStep[] = [
    {
      afterMs: 0,
      phase: "ringing",
      run: () => {
        const a = caller();
        const to = typeof target === "string" ? target : target();
        if (!owns(ctx, a) || !to) return "stop";
        callee = ringExtension(world, a, to, ctx.runId);
      },
    },
  ];
  if (options.answer === false) {
    steps.push({ afterMs: options.ringMs, phase: "hungup", run: () => hangupOwned(ctx, caller()) });
    return steps;
  }
  steps.push({
    afterMs: options.ringMs,
    phase: "answered",
    run: () => {
      const a = caller();
      if (!owns(ctx, a) || !owns(ctx, callee)) return "stop";
      answerDial(world, a, callee);
    },
  });
  if (options.talkMs !== null) {
    steps.push({
      afterMs: options.talkMs,
      phase: "hungup",
      run: () => hangupOwned(ctx, options.hangupBy === "callee" ? callee : caller()),
    });
  }
  return steps;
}

export type QueueOptions = CallTiming & {
  /** false: the members ring but nobody answers, and the caller hangs up after `abandonAfterMs` (07). */
  answer?: boolean;
  /** The member (extension number) that answers, when it was rung. */
  answeredBy?: string;
  /** Give up after this long without an answer. Default 60 s. */
  abandonAfterMs?: number;
};

/** `caller()` (a live channel) goes into Queue(): joins, members ring, one answers or the caller abandons. */
export function queueSteps(
  ctx: ScenarioContext,
  caller: () => SimChannel | undefined,
  queue: SimQueue,
  options: QueueOptions,
): ScenarioStep[] {
  const { world } = ctx;
  const abandonAfterMs = options.abandonAfterMs ?? 60_000;
  let joinedAt = 0;
  const abandon = (): ScenarioStep["run"] => () => {
    const c = caller();
    if (!owns(ctx, c) || waitingQueue(world, c) !== queue) return "stop";
    abandonQueue(world, c, queue);
  };
  const steps: ScenarioStep[] = [
    {
      afterMs: 0,
      phase: "queued",
      run: () => {
        const c = caller();
        if (!owns(ctx, c)) return "stop";
        if (c.state !== "Up") {
          setState(world, c, "Up");
          syncEndpoint(world, c.endpoint, "DEQ");
        }
        joinedAt = world.now();
        joinQueue(world, c, queue);
        ringMembers(world, c, queue, selectMembers(world, queue), ctx.runId);
      },
    },
  ];
  if (options.answer === false) {
    steps.push({ afterMs: abandonAfterMs, phase: "abandoned", run: abandon() });
    return steps;
  }
  steps.push({
    afterMs: options.ringMs,
    phase: "answered",
    run: () => {
      const c = caller();
      if (!owns(ctx, c) || waitingQueue(world, c) !== queue) return "stop";
      const legs = c.dialing.flatMap((id) => world.channels.get(id) ?? []).filter((leg) => owns(ctx, leg));
      const leg = legs.find((l) => l.endpoint === options.answeredBy) ?? legs[0];
      if (leg) {
        answerQueueCall(world, c, leg, queue);
        return undefined;
      }
      if (world.now() - joinedAt >= abandonAfterMs) {
        abandonQueue(world, c, queue);
        return "stop";
      }
      // Nobody free yet (or the rung phones went away): app_queue tries again after `retry`.
      ringMembers(world, c, queue, selectMembers(world, queue), ctx.runId);
      return { retryInMs: options.ringMs };
    },
  });
  if (options.talkMs !== null) {
    steps.push({ afterMs: options.talkMs, phase: "hungup", run: () => hangupOwned(ctx, caller()) });
  }
  return steps;
}

/**
 * Where a channel goes when sent to `exten` in the phones' context, the way the app's dialplan
 * routes it: a phone, a queue, the parking lot (700), a parked call's space, a conference room.
 * Anything else does not exist and the channel is hung up. The channel must be detached first.
 */
export function routeSteps(
  ctx: ScenarioContext,
  ch: SimChannel,
  exten: string,
  timing: CallTiming,
): ScenarioStep[] {
  const { world } = ctx;
  ch.owner = ctx.runId;
  ch.exten = exten;
  ch.priority = 1;
  if (world.isExtension(exten)) return dialExtensionSteps(ctx, () => ch, exten, timing);
  const queue = [...world.queues.values()].find((q) => q.number === exten || q.name === exten);
  if (queue) return queueSteps(ctx, () => ch, queue, timing);
  if (exten === "700") {
    return [
      {
        afterMs: 0,
        phase: "parked",
        run: () => {
          if (!owns(ctx, ch)) return "stop";
          if (!parkChannel(world, ch, ch.endpoint ? `PJSIP/${ch.endpoint}` : ch.name))
            hangupAlone(world, ch, 16);
        },
      },
      {
        afterMs: world.options.parkingTimeoutS * 1000,
        run: () => {
          if (owns(ctx, ch) && parkedCallOf(world, ch)) endParkedCall(world, ch, "ParkedCallTimeOut");
        },
      },
    ];
  }
  const upThen = (phase: string, join: (c: SimChannel) => void): ScenarioStep[] => [
    {
      afterMs: 0,
      phase,
      run: () => {
        if (!owns(ctx, ch)) return "stop";
        if (ch.state !== "Up") setState(world, ch, "Up");
        join(ch);
      },
    },
    ...(timing.talkMs === null
      ? []
      : [{ afterMs: timing.talkMs, phase: "hungup", run: () => hangupOwned(ctx, ch) }]),
  ];
  if (world.parked.has(exten)) return upThen("unparked", (c) => unpark(world, exten, c));
  if (world.options.conferenceRooms.includes(exten))
    return upThen("joined", (c) => joinConference(world, c, exten));
  return [{ afterMs: 0, phase: "hungup", run: () => hangupOwned(ctx, ch) }];
}

function hangupOwned(ctx: ScenarioContext, ch: SimChannel | undefined): "stop" | undefined {
  if (!owns(ctx, ch)) return "stop";
  hangupChannel(ctx.world, ch);
  return undefined;
}

/** Renames a stretch's phases (`ringing` → `target-ringing`) when a scenario has two of them. */
export function prefixPhases(prefix: string, steps: ScenarioStep[]): ScenarioStep[] {
  return steps.map((step) => (step.phase ? { ...step, phase: `${prefix}${step.phase}` } : step));
}

/** A registered phone with no call, chosen by the seeded PRNG; undefined when all are busy. */
export function pickIdle(ctx: ScenarioContext, exclude: (string | undefined)[] = []): string | undefined {
  const idle = idleExtensions(ctx.world).filter((n) => !exclude.includes(n));
  return idle.length > 0 ? ctx.world.prng.pick(idle) : undefined;
}
