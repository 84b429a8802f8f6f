import type { LiveChange, LiveState } from "../types";

/**
 * Applies a delta's changes to a plain LiveState in place. The browser, the SSE mirror and the
 * tests all use this one function, so "what a delta means" is defined once.
 */
export function applyChanges(state: LiveState, changes: readonly LiveChange[]): void {
  for (const change of changes) {
    const collection = state[change.collection] as Record<string, unknown> | undefined;
    if (!collection) continue;
    if (change.op === "upsert") collection[change.key] = change.value;
    else delete collection[change.key];
  }
}

/**
 * The changes that turn `before` into `after`, entity by entity: what a rebuild after a
 * reconnect publishes, so clients never need a second kind of message. Entities compare by
 * their JSON, which is what clients would see anyway.
 */
export function diffStates(before: LiveState, after: LiveState): LiveChange[] {
  const changes: LiveChange[] = [];
  for (const collection of Object.keys(after) as (keyof LiveState)[]) {
    const old = before[collection] as Record<string, unknown>;
    const now = after[collection] as Record<string, unknown>;
    for (const key of Object.keys(old)) {
      if (!Object.hasOwn(now, key)) changes.push({ op: "remove", collection, key });
    }
    for (const [key, value] of Object.entries(now)) {
      if (!Object.hasOwn(old, key) || JSON.stringify(old[key]) !== JSON.stringify(value)) {
        changes.push({ op: "upsert", collection, key, value });
      }
    }
  }
  return changes;
}

/** A deep copy through JSON: state values are plain data by contract (types.ts). */
export function cloneState(state: LiveState): LiveState {
  return JSON.parse(JSON.stringify(state)) as LiveState;
}
