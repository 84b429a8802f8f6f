import {
  emptyLiveState,
  type LiveChange,
  type LiveDelta,
  type LiveSnapshot,
  type LiveState,
} from "@/lib/asterisk/live/types";

const COLLECTIONS = new Set([
  "channels",
  "bridges",
  "extensions",
  "devices",
  "queues",
  "parked",
  "conferences",
  "quality",
]);

/**
 * Applies changes in order (the latest per key wins) without mutating `state`: only the
 * collections a change touches are copied, so React sees new objects exactly where something
 * changed. Unknown collections and `__proto__` keys are ignored.
 */
export function applyChanges(state: LiveState, changes: readonly LiveChange[]): LiveState {
  let next: LiveState | null = null;
  const copied = new Set<string>();
  for (const change of changes) {
    if (!COLLECTIONS.has(change.collection) || change.key === "__proto__") continue;
    next ??= { ...state };
    if (!copied.has(change.collection)) {
      copied.add(change.collection);
      (next as Record<string, unknown>)[change.collection] = { ...state[change.collection] };
    }
    const collection = next[change.collection] as Record<string, unknown>;
    if (change.op === "upsert") collection[change.key] = change.value;
    else delete collection[change.key];
  }
  return next ?? state;
}

export type DeltaOutcome =
  /** Applied: the new snapshot. */
  | { kind: "applied"; snapshot: LiveSnapshot }
  /** Already seen (a resend after reconnecting): nothing to do. */
  | { kind: "stale" }
  /** A version is missing: drop the state and fetch a fresh snapshot. */
  | { kind: "gap" };

/** A delta must carry exactly the next version; see LiveDelta. */
export function applyDelta(snapshot: LiveSnapshot, delta: LiveDelta): DeltaOutcome {
  if (delta.version <= snapshot.version) return { kind: "stale" };
  if (delta.version !== snapshot.version + 1) return { kind: "gap" };
  return {
    kind: "applied",
    snapshot: {
      version: delta.version,
      at: delta.at,
      connection: delta.connection ?? snapshot.connection,
      state: applyChanges(snapshot.state, delta.changes),
    },
  };
}

/** Parses one SSE `data:` payload; anything that is not the expected shape is dropped. */
export function parseSnapshot(data: string): LiveSnapshot | null {
  const value = safeJson(data) as LiveSnapshot | null;
  if (!value || typeof value.version !== "number" || typeof value.state !== "object" || !value.state)
    return null;
  // A collection the server left out (an older listener) is empty, not missing.
  return { ...value, state: { ...emptyLiveState(), ...value.state } };
}

export function parseDelta(data: string): LiveDelta | null {
  const value = safeJson(data) as LiveDelta | null;
  if (!value || typeof value.version !== "number" || !Array.isArray(value.changes)) return null;
  return value;
}

function safeJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}
