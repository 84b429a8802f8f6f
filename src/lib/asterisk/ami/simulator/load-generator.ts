import { idleExtensions } from "./call-legs";
import type { ScenarioName, ScenarioParamsByName } from "./scenario-registry";
import type { ScenarioRun, Scheduler } from "./scenario-runner";
import type { SimWorld } from "./sim-world";

export type LoadSettings = {
  /** Events per second to hold; null for no cap (calls then run at their natural pace). */
  rate: number | null;
  /** Concurrent calls to hold; null picks what the extensions and the rate allow. */
  calls: number | null;
  /** Slow, human-watchable calls. */
  demo: boolean;
};

type CallScenario = Exclude<ScenarioName, "agent-pause">;
type Start = <N extends ScenarioName>(
  name: N,
  params: ScenarioParamsByName[N],
  counted: boolean,
) => ScenarioRun;

/** Relative weights of the generated calls: mostly queue traffic, like a call centre. */
export const DEFAULT_MIX: Record<CallScenario, number> = {
  "queue-call": 45,
  "basic-call": 25,
  "queue-abandon": 8,
  "hold-call": 8,
  "blind-transfer": 6,
  "park-call": 5,
  conference: 3,
};

const TICK_MS = 20;
const DEMO_START_GAP_MS = 2500;
/** Nominal length of an average generated run of DEFAULT_MIX (ring, talk, holds, parking…), seconds, before scaling. */
const NOMINAL_CALL_S = 15.5;
/** Idle phones each scenario needs to start. */
const NEEDS: Record<CallScenario, number> = {
  "queue-call": 0,
  "queue-abandon": 0,
  "basic-call": 2,
  "hold-call": 2,
  "park-call": 3,
  "blind-transfer": 3,
  conference: 3,
};

/**
 * Keeps `calls` scenarios running and sizes their durations so that together they emit a bit
 * more than `rate` events per second; the scheduler's token bucket then caps them at `rate`.
 * Events per call are measured as it runs (they depend on the mix and on ringall queue sizes),
 * and the time scale follows. Agents also take breaks now and then (agent-pause, not counted).
 */
export class LoadGenerator {
  private timer?: NodeJS.Timeout;
  private scale = 1;
  /** Feedback on top of the estimate: shrinks durations while supply falls short of the rate. */
  private boost = 1;
  private eventsPerCall = 40;
  private completed = 0;
  private sample = { at: 0, events: 0, completed: 0 };
  private lastPauseAt = 0;
  private lastStartAt = 0;
  /** Queue scenarios running now, and how many agents exist to answer them. */
  private queueRuns = 0;
  private agents = 0;

  constructor(
    private readonly world: SimWorld,
    private readonly scheduler: Scheduler,
    private readonly startScenario: Start,
    private settings: LoadSettings,
    private readonly mix: Record<CallScenario, number> = DEFAULT_MIX,
  ) {}

  get timeScale(): number {
    return this.scale;
  }

  get targetCalls(): number {
    const capacity = Math.max(
      1,
      Math.floor([...this.world.extensions.values()].filter((e) => e.registered).length / 2.5),
    );
    if (this.settings.calls !== null) return this.settings.calls;
    if (this.settings.demo) return Math.min(4, capacity);
    if (this.settings.rate === null) return Math.min(10, capacity);
    return Math.max(
      1,
      Math.min(capacity, Math.ceil((this.settings.rate * NOMINAL_CALL_S) / this.eventsPerCall)),
    );
  }

  start(): void {
    if (this.timer) return;
    this.countAgents();
    this.sample = { at: this.world.now(), events: this.world.eventCount, completed: this.completed };
    this.lastPauseAt = this.world.now();
    this.recompute();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  update(settings: LoadSettings): void {
    this.settings = settings;
    this.recompute();
  }

  private tick() {
    this.measure();
    const target = this.targetCalls;
    // Starts are spread over about one call's lifetime: a whole wave started at once rings,
    // talks and hangs up in step, and the rate swings with it. A demo brings its calls in one
    // at a time, a few seconds apart, so a person can follow each one.
    const lifetimeMs = Math.max(TICK_MS, this.scale * NOMINAL_CALL_S * 1000);
    const perTick = this.settings.demo ? 1 : Math.max(1, Math.ceil((target * TICK_MS) / lifetimeMs));
    const paced = this.settings.demo && this.world.now() - this.lastStartAt < DEMO_START_GAP_MS;
    for (let started = 0; !paced && this.scheduler.countedRuns < target && started < perTick; started++) {
      this.lastStartAt = this.world.now();
      this.startCall();
    }
    const pauseEveryMs = (20_000 * this.scale) / Math.max(1, target / 10);
    if (this.world.now() - this.lastPauseAt >= pauseEveryMs) {
      this.lastPauseAt = this.world.now();
      this.startScenario("agent-pause", { pauseMs: this.ms(10_000, 60_000) }, false);
    }
  }

  private startCall() {
    const idle = idleExtensions(this.world).length;
    // Callers waiting for an agent emit almost nothing; a few make a realistic queue, many stall
    // the rate. Entries lag the start of a run, so running queue scenarios are capped as well.
    let waiting = 0;
    for (const queue of this.world.queues.values()) waiting += queue.entries.length;
    const queueRoom =
      waiting < Math.max(2, this.targetCalls / 4) &&
      this.queueRuns < Math.max(2, Math.floor(this.agents * 0.8));
    const names = (Object.keys(this.mix) as CallScenario[]).filter(
      (n) => this.mix[n] > 0 && NEEDS[n] <= idle && (queueRoom || !n.startsWith("queue")),
    );
    if (names.length === 0) return;
    const total = names.reduce((sum, n) => sum + this.mix[n], 0);
    let roll = this.world.prng.next() * total;
    let name = names[names.length - 1] as CallScenario;
    for (const candidate of names) {
      roll -= this.mix[candidate];
      if (roll < 0) {
        name = candidate;
        break;
      }
    }
    const queued = name.startsWith("queue");
    if (queued) this.queueRuns += 1;
    const run = this.launch(name);
    void run.done.then(() => {
      this.completed += 1;
      if (queued) this.queueRuns -= 1;
    });
  }

  private launch(name: CallScenario): ScenarioRun {
    const prng = this.world.prng;
    const ringMs = this.ms(1500, 4000);
    switch (name) {
      case "basic-call":
        return this.startScenario(
          name,
          {
            ringMs,
            talkMs: this.ms(4000, 15_000),
            answer: prng.chance(0.9),
            hangupBy: prng.chance(0.5) ? "caller" : "callee",
          },
          true,
        );
      case "queue-call":
        return this.startScenario(
          name,
          {
            ringMs: this.ms(2000, 6000),
            talkMs: this.ms(5000, 20_000),
            abandonAfterMs: this.ms(30_000, 60_000),
            joinDelayMs: this.ms(50, 50),
          },
          true,
        );
      case "queue-abandon":
        return this.startScenario(
          name,
          { abandonAfterMs: this.ms(5000, 15_000), joinDelayMs: this.ms(50, 50) },
          true,
        );
      case "hold-call":
        return this.startScenario(
          name,
          {
            ringMs,
            holdAfterMs: this.ms(2000, 6000),
            holdMs: this.ms(3000, 10_000),
            talkMs: this.ms(2000, 6000),
          },
          true,
        );
      case "blind-transfer":
        return this.startScenario(
          name,
          { ringMs, transferAfterMs: this.ms(3000, 8000), talkMs: this.ms(4000, 12_000) },
          true,
        );
      case "park-call":
        return this.startScenario(
          name,
          {
            ringMs,
            parkAfterMs: this.ms(2000, 5000),
            parkerLeavesAfterMs: this.ms(2500, 2500),
            parkedMs: this.ms(3000, 10_000),
            retrieve: prng.chance(0.8),
            talkMs: this.ms(3000, 8000),
          },
          true,
        );
      case "conference":
        return this.startScenario(
          name,
          { joinGapMs: this.ms(1000, 3000), talkMs: this.ms(5000, 15_000), leaveGapMs: this.ms(1000, 3000) },
          true,
        );
    }
  }

  /** A nominal duration range, scaled, drawn from the seeded PRNG. */
  private ms(min: number, max: number): number {
    return Math.round(this.world.prng.int(min, max) * this.scale);
  }

  /**
   * Every 250 ms: events per finished call, then the time scale that supplies ~1.25 × rate. When
   * the rate is still missed and no step is waiting for tokens, supply is short (callers stuck in
   * queues, phones all busy): calls get shorter until it is not.
   */
  private measure() {
    const now = this.world.now();
    const elapsed = now - this.sample.at;
    if (elapsed < 250) return;
    const events = this.world.eventCount - this.sample.events;
    const completed = this.completed - this.sample.completed;
    // Until a first generation of calls has ended, events per finished call is skewed by calls
    // that have started (and emitted) but not finished yet: keep the estimate until then.
    if (completed >= 3 && this.completed >= this.targetCalls) {
      this.eventsPerCall = 0.6 * this.eventsPerCall + (0.4 * events) / completed;
    }
    const { rate } = this.settings;
    if (rate !== null) {
      const perSecond = (events * 1000) / elapsed;
      if (perSecond < 0.9 * rate && this.scheduler.overdueSteps() === 0)
        this.boost = Math.max(0.05, this.boost * 0.75);
      else if (perSecond > 0.97 * rate) this.boost = Math.min(1, this.boost * 1.1);
    }
    this.sample = { at: now, events: this.world.eventCount, completed: this.completed };
    this.countAgents();
    this.recompute();
  }

  private countAgents() {
    const agents = new Set<string>();
    for (const queue of this.world.queues.values())
      for (const iface of queue.members.keys()) agents.add(iface);
    this.agents = [...agents].filter((iface) => this.world.devices.get(iface) !== "UNAVAILABLE").length;
  }

  private recompute() {
    const { rate, demo } = this.settings;
    if (rate === null) {
      this.scale = demo ? 1.5 : 1;
      return;
    }
    const lifetimeS = (this.targetCalls * this.eventsPerCall) / (1.25 * rate);
    this.scale = Math.min(50, Math.max(0.0005, (this.boost * lifetimeS) / NOMINAL_CALL_S));
  }
}
