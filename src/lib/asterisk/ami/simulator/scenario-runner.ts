import { performance } from "node:perf_hooks";

/**
 * What a step's `run` may return: nothing (go on), "stop" (the run's channels went elsewhere,
 * e.g. a panel Redirect took them over, so the rest must not touch them), or a retry delay
 * (run this same step again later, e.g. a queue caller still waiting for a free member).
 */
export type StepResult = undefined | "stop" | { retryInMs: number };

export type ScenarioStep = {
  /** Delay after the previous step ran (or after the start, for the first). */
  afterMs: number;
  /** Marks a point tests can wait for with `reached()`. */
  phase?: string;
  // biome-ignore lint/suspicious/noConfusingVoidType: most steps just act and return nothing.
  run: () => StepResult | void;
};

export type RunOutcome = "completed" | "stopped" | "cancelled";

export type ScenarioRun = {
  readonly id: number;
  readonly name: string;
  /** Phases reached so far, in order. */
  readonly phases: string[];
  readonly done: Promise<RunOutcome>;
  /** Resolves true once the phase ran, false if the run ended without reaching it. */
  reached(phase: string): Promise<boolean>;
};

type RunState = ScenarioRun & {
  steps: ScenarioStep[];
  index: number;
  counted: boolean;
  finish: (outcome: RunOutcome) => void;
  waiters: Map<string, ((reached: boolean) => void)[]>;
};

type Due = { at: number; seq: number; run: RunState };

export type SchedulerOptions = {
  /** Events emitted so far; the rate limit spends one token per event. */
  eventCount: () => number;
  /** Events per second, null for no limit. */
  rate: number | null;
  /**
   * A run stopped early (its channels went elsewhere or away): whatever it still owns has nobody
   * left to end it, so the simulator hangs those channels up here.
   */
  onStopped?: (runId: number) => void;
};

/**
 * Runs every scenario and action flow on one timeline. Steps are plain synchronous callbacks, so
 * each one changes the world and emits its events in one go, and the token bucket can meter
 * events exactly: when the budget is spent, due steps wait (their delays stretch) instead of
 * bursting. That is what holds `--rate`: supply is sized a little above it and this caps it.
 */
export class Scheduler {
  private readonly heap: Due[] = [];
  private readonly runs = new Set<RunState>();
  private seq = 0;
  private lastRunId = 0;
  private timer?: NodeJS.Timeout;
  private timerAt = Number.POSITIVE_INFINITY;
  private tokens = 0;
  private refilledAt = performance.now();
  private rate: number | null;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.rate = options.rate;
  }

  /** Owner ids for channels: every run gets one, and actions that take a channel over get a new one. */
  nextRunId(): number {
    this.lastRunId += 1;
    return this.lastRunId;
  }

  /** Runs that count as calls (load-generated call scenarios). */
  get countedRuns(): number {
    let n = 0;
    for (const run of this.runs) if (run.counted) n += 1;
    return n;
  }

  get pendingSteps(): number {
    return this.heap.length;
  }

  /** Steps already due but held back by the rate limit: non-zero means the cap, not supply, sets the pace. */
  overdueSteps(): number {
    const now = performance.now();
    let n = 0;
    for (const due of this.heap) if (due.at <= now) n += 1;
    return n;
  }

  setRate(rate: number | null): void {
    this.refill();
    this.rate = rate;
    this.arm();
  }

  start(
    name: string,
    build: (runId: number) => ScenarioStep[],
    options: { counted?: boolean } = {},
  ): ScenarioRun {
    const id = this.nextRunId();
    let finish: (outcome: RunOutcome) => void = () => {};
    const done = new Promise<RunOutcome>((resolve) => {
      finish = resolve;
    });
    const run: RunState = {
      id,
      name,
      phases: [],
      done,
      steps: [],
      index: 0,
      counted: options.counted ?? false,
      finish,
      waiters: new Map(),
      reached: (phase) => {
        if (run.phases.includes(phase)) return Promise.resolve(true);
        if (!this.runs.has(run)) return Promise.resolve(false);
        return new Promise((resolve) => {
          const list = run.waiters.get(phase) ?? [];
          list.push(resolve);
          run.waiters.set(phase, list);
        });
      },
    };
    run.steps = build(id);
    this.runs.add(run);
    if (this.stopped || run.steps.length === 0) this.end(run, this.stopped ? "cancelled" : "completed");
    else this.push(run, run.steps[0]?.afterMs ?? 0);
    return run;
  }

  /** Cancels every run and the timer; pending `done` promises resolve "cancelled". */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.heap.length = 0;
    for (const run of [...this.runs]) this.end(run, "cancelled");
  }

  private push(run: RunState, afterMs: number) {
    const due: Due = { at: performance.now() + Math.max(0, afterMs), seq: this.seq++, run };
    heapPush(this.heap, due);
    this.arm();
  }

  private pump() {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.refill();
    const now = performance.now();
    for (let top = this.heap[0]; top && top.at <= now; top = this.heap[0]) {
      if (this.rate !== null && this.tokens <= 0) break;
      heapPop(this.heap);
      const before = this.options.eventCount();
      this.runStep(top.run);
      if (this.rate !== null) this.tokens -= this.options.eventCount() - before;
    }
    this.arm();
  }

  private runStep(run: RunState) {
    const step = run.steps[run.index];
    if (!step) return this.end(run, "completed");
    let result: ReturnType<ScenarioStep["run"]>;
    try {
      result = step.run();
    } catch (error) {
      console.error(`simulator: ${run.name} step ${run.index} failed`, error);
      result = "stop";
    }
    if (result === "stop") return this.end(run, "stopped");
    if (typeof result === "object") return this.push(run, result.retryInMs);
    if (step.phase) {
      run.phases.push(step.phase);
      for (const resolve of run.waiters.get(step.phase) ?? []) resolve(true);
      run.waiters.delete(step.phase);
    }
    run.index += 1;
    const next = run.steps[run.index];
    if (next) this.push(run, next.afterMs);
    else this.end(run, "completed");
  }

  private end(run: RunState, outcome: RunOutcome) {
    if (!this.runs.delete(run)) return;
    if (outcome === "stopped") this.options.onStopped?.(run.id);
    for (const list of run.waiters.values()) for (const resolve of list) resolve(false);
    run.waiters.clear();
    run.finish(outcome);
  }

  private refill() {
    const now = performance.now();
    if (this.rate !== null) {
      // A quarter second of budget may pile up, so a stalled event loop catches up afterwards.
      const burst = Math.max(20, this.rate * 0.25);
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    }
    this.refilledAt = now;
  }

  private arm() {
    if (this.stopped) return;
    const top = this.heap[0];
    if (!top) return;
    let at = top.at;
    if (this.rate !== null && this.tokens <= 0) {
      at = Math.max(at, performance.now() + ((1 - this.tokens) / this.rate) * 1000);
    }
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.pump(), Math.max(0, at - performance.now()));
  }
}

function before(a: Due, b: Due): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function heapPush(heap: Due[], item: Due) {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Due, heap[parent] as Due)) break;
    [heap[i], heap[parent]] = [heap[parent] as Due, heap[i] as Due];
    i = parent;
  }
}

function heapPop(heap: Due[]): Due | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0 && last) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as Due, heap[m] as Due)) m = l;
      if (r < heap.length && before(heap[r] as Due, heap[m] as Due)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Due, heap[i] as Due];
      i = m;
    }
  }
  return top;
}
