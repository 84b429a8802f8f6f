import { originateFrom } from "../call-legs";
import { setState } from "../channel-events";
import { queueSteps } from "../flow-steps";
import type { ScenarioContext } from "../scenario-context";
import type { ScenarioStep } from "../scenario-runner";
import { syncEndpoint } from "../world-devices";
import type { SimChannel } from "../world-types";

export type QueueCallParams = {
  /** Caller: a phone, or an outside number arriving on the trunk. Default: a random outside number. */
  from?: string;
  /** Queue name (`q5000`) or number (`5000`). Default: a random queue. */
  queue?: string;
  ringMs?: number;
  talkMs?: number | null;
  /** The member (extension) that answers, when it was rung. */
  answeredBy?: string;
  /** false = 07-queue-abandon: members ring, nobody answers, the caller hangs up. */
  answer?: boolean;
  /** How long the caller waits before abandoning. Default 8 s when answer is false, else 60 s. */
  abandonAfterMs?: number;
  /** Queue() answers at once and the caller joins this much later. Default 50 ms (06: 58 ms). */
  joinDelayMs?: number;
};

/**
 * 06-queue-call-answered (and with `answer: false` 07-queue-abandon): a caller dials the queue,
 * is answered by Queue() at once, joins ~50 ms later, members ring (all for ringall), one answers.
 */
export function queueCallScenario(ctx: ScenarioContext, params: QueueCallParams = {}): ScenarioStep[] {
  const { world } = ctx;
  const queues = [...world.queues.values()];
  const queue = params.queue
    ? queues.find((q) => q.name === params.queue || q.number === params.queue)
    : queues.length > 0
      ? world.prng.pick(queues)
      : undefined;
  if (!queue) throw new Error(`No such queue: ${params.queue ?? "(none configured)"}`);
  let caller: SimChannel | undefined;
  const answer = params.answer !== false;
  const [join, ...rest] = queueSteps(ctx, () => caller, queue, {
    ringMs: params.ringMs ?? 3000,
    talkMs: params.talkMs === undefined ? 5000 : params.talkMs,
    answer,
    answeredBy: params.answeredBy,
    abandonAfterMs: params.abandonAfterMs ?? (answer ? 60_000 : 8000),
  });
  return [
    {
      afterMs: 0,
      phase: "entered",
      run: () => {
        const from = params.from ?? `555${String(world.prng.int(0, 9999)).padStart(4, "0")}`;
        caller = originateFrom(world, from, queue.number, ctx.runId);
        setState(world, caller, "Up");
        syncEndpoint(world, caller.endpoint, "DEQ");
      },
    },
    ...(join ? [{ ...join, afterMs: params.joinDelayMs ?? 50 }] : []),
    ...rest,
  ];
}
