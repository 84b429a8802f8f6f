/**
 * When the phone retries after losing its WebSocket, and how it notices that the machine slept.
 * Pure: the SIP.js wrapper feeds it time and randomness, so the schedule is testable.
 */
export type BackoffOptions = {
  /** First retry delay (ms). */
  initialMs: number;
  /** Ceiling (ms): a laptop coming back must not wait minutes. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** ± fraction of the delay, so a whole call center doesn't reconnect in lock-step after an outage. */
  jitter: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * Delay before reconnection attempt `attempt` (0-based): initial · factor^attempt, capped at max,
 * then spread by ±jitter. `random` returns [0, 1). Attempts 0–3 sum to under 4 s with the
 * defaults, which keeps re-registration within 5 s of a dropped WebSocket.
 */
export function backoffDelay(attempt: number, options = DEFAULT_BACKOFF, random = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** n);
  const spread = base * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(options.maxMs, base + spread)));
}

/** The undithered schedule for the first `count` attempts (for documentation and tests). */
export function backoffSchedule(count: number, options = DEFAULT_BACKOFF): number[] {
  return Array.from({ length: count }, (_, i) => backoffDelay(i, options, () => 0.5));
}

/** How often the wake detector ticks, and how late a tick must be to mean "we were asleep". */
export const WAKE_TICK_MS = 2_000;
export const WAKE_SLACK_MS = 8_000;

/**
 * True when a timer that should have fired `tickMs` after `lastTick` fires at `now` so late that
 * the machine must have slept (timers stop during suspend; background-tab throttling delays
 * them by at most about a minute only with intensive throttling, hence a slack of seconds and
 * a check on visibility too).
 */
export function sleptBetween(lastTick: number, now: number, tickMs = WAKE_TICK_MS, slackMs = WAKE_SLACK_MS) {
  return now - lastTick > tickMs + slackMs;
}

/** Why the phone is recovering; each one forces a fresh WebSocket, re-REGISTER and ICE restart. */
export type RecoveryTrigger = "socket-closed" | "online" | "wake" | "visible";

/**
 * Whether a trigger should tear down a WebSocket that still looks open. A closed socket is
 * reconnected anyway; after `online` or a wake the old socket is usually dead without knowing
 * it (no FIN ever arrived), so it is replaced. Coming back to a visible tab only reconnects when
 * the socket is already down or the last SIP traffic is older than `staleMs`.
 */
export function shouldForceReconnect(
  trigger: RecoveryTrigger,
  socketOpen: boolean,
  msSinceTraffic: number,
  staleMs = 30_000,
): boolean {
  if (!socketOpen) return true;
  if (trigger === "online" || trigger === "wake") return true;
  if (trigger === "visible") return msSinceTraffic > staleMs;
  return false;
}
