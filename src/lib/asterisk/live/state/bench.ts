import type { AmiEvent } from "../../ami/message";
import type { LiveChange } from "../types";
import { LiveStateStore, type LiveStateStoreOptions } from "./live-state-store";

export type ApplyBenchOptions = {
  /** How many times to replay `events`, each round on a fresh store. Default 50. */
  rounds?: number;
  /** What "publish" costs; default JSON.stringify of each non-empty change list, as the bus would. */
  publish?: (changes: LiveChange[]) => void;
  store?: LiveStateStoreOptions;
};

export type ApplyBenchResult = { events: number; changes: number; ms: number; eventsPerSecond: number };

/**
 * Throughput of apply() plus publish, for a bench script (the listener has to sustain ≥ 20,000
 * events/s on one core). Pass recorded events, e.g. `liveEventsOf(loadTranscript(name))` from
 * ./testing/transcript-steps. A measurement, not a test: it asserts nothing.
 */
export function benchApply(events: readonly AmiEvent[], options: ApplyBenchOptions = {}): ApplyBenchResult {
  const rounds = options.rounds ?? 50;
  const publish = options.publish ?? defaultPublish;
  let changes = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const store = new LiveStateStore(options.store);
    for (const event of events) {
      const changed = store.apply(event);
      if (changed.length > 0) {
        changes += changed.length;
        publish(changed);
      }
    }
  }
  const ms = performance.now() - started;
  const total = events.length * rounds;
  return { events: total, changes, ms, eventsPerSecond: ms > 0 ? Math.round((total / ms) * 1000) : 0 };
}

let sink = 0;

function defaultPublish(changes: LiveChange[]): void {
  // Keep the result alive so the serialization can't be optimised away.
  sink = (sink + JSON.stringify(changes).length) | 0;
}
