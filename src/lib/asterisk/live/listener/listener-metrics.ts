import type { LiveConnection } from "../types";

/** What /api/health shows about the listener; stored on the bus under LIVE_METRICS_KEY. */
export type LiveMetrics = {
  connection: LiveConnection["state"];
  error: string | null;
  /** Seconds since the last AMI event, null before any. */
  lastEventAgeS: number | null;
  /** Events per second over the last WINDOW_S seconds. */
  eventsPerSecond: number;
  /** Oldest change's wait before its delta went out, in ms: last value and the window's maximum. */
  publishLagMs: { last: number; max: number };
  version: number;
  /** When these figures were taken (epoch ms); a stale value means the listener is gone. */
  at: number;
  pid: number;
};

export const LIVE_METRICS_KEY = "switchboard:live:metrics";

const WINDOW_S = 5;

/** Counts events per second in a ring of one-second buckets; O(1) per event. */
export class ListenerMetrics {
  private buckets = new Array<number>(WINDOW_S).fill(0);
  private bucketSecond = 0;
  private lastEventAt: number | null = null;
  private lag = { last: 0, max: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  get lastEvent(): number | null {
    return this.lastEventAt;
  }

  event(): void {
    const t = this.now();
    this.roll(t);
    this.buckets[Math.floor(t / 1000) % WINDOW_S]! += 1;
    this.lastEventAt = t;
  }

  published(lagMs: number): void {
    this.lag.last = lagMs;
    this.lag.max = Math.max(this.lag.max, lagMs);
  }

  take(connection: LiveConnection, version: number): LiveMetrics {
    const t = this.now();
    this.roll(t);
    // The current second is partial; average over the full seconds before it.
    const current = Math.floor(t / 1000) % WINDOW_S;
    const full = this.buckets.reduce((sum, n, i) => (i === current ? sum : sum + n), 0);
    const metrics: LiveMetrics = {
      connection: connection.state,
      error: connection.error,
      lastEventAgeS: this.lastEventAt === null ? null : Math.round((t - this.lastEventAt) / 100) / 10,
      eventsPerSecond: Math.round(full / (WINDOW_S - 1)),
      publishLagMs: { ...this.lag },
      version,
      at: t,
      pid: process.pid,
    };
    this.lag.max = this.lag.last;
    return metrics;
  }

  private roll(t: number) {
    const second = Math.floor(t / 1000);
    if (second === this.bucketSecond) return;
    const steps = Math.min(WINDOW_S, second - this.bucketSecond);
    for (let i = 1; i <= steps; i++) this.buckets[(this.bucketSecond + i) % WINDOW_S] = 0;
    this.bucketSecond = second;
  }
}
