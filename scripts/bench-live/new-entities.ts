import type { LiveChange, LiveQueue, LiveState } from "@/lib/asterisk/live/types";
import { percentile } from "./stats";

export type LatencySummary = { p50: number; p90: number; p99: number; max: number; samples: number };

/**
 * Follows the stream of versions once, in the order they first arrive (each client receives
 * them in order, so that is version order), and notes per version the event times of the
 * channels and queue callers that appear in it for the first time.
 */
export class NewEntities {
  readonly times = new Map<number, { channels: number[]; entries: number[] }>();
  private version = 0;
  private channels = new Set<string>();
  private entries = new Map<string, Set<string>>();

  snapshot(version: number, read: () => LiveState) {
    if (version <= this.version) return;
    const state = read();
    this.version = version;
    this.channels = new Set(Object.keys(state.channels));
    this.entries = new Map(Object.values(state.queues).map((q) => [q.name, new Set(Object.keys(q.entries))]));
  }

  delta(version: number, read: () => readonly LiveChange[]) {
    if (version <= this.version) return;
    this.version = version;
    const times = { channels: [] as number[], entries: [] as number[] };
    for (const change of read()) this.change(change, times);
    this.times.set(version, times);
  }

  private change(change: LiveChange, times: { channels: number[]; entries: number[] }) {
    if (change.collection === "channels") {
      if (change.op === "remove") this.channels.delete(change.key);
      else if (!this.channels.has(change.key)) {
        this.channels.add(change.key);
        times.channels.push((change.value as { createdAt: number }).createdAt);
      }
    } else if (change.collection === "queues") {
      if (change.op === "remove") {
        this.entries.delete(change.key);
        return;
      }
      const queue = change.value as LiveQueue;
      const before = this.entries.get(change.key) ?? new Set<string>();
      for (const entry of Object.values(queue.entries)) {
        if (before.has(entry.uniqueid)) continue;
        times.entries.push(entry.joinedAt);
      }
      this.entries.set(change.key, new Set(Object.keys(queue.entries)));
    }
  }
}

export function summary(xs: number[]): LatencySummary {
  const sorted = Float64Array.from(xs).sort();
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    samples: sorted.length,
  };
}
