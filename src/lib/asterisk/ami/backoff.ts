export type BackoffOptions = {
  /** The nominal delay of the first retry. Default 250 ms. */
  initialDelayMs?: number;
  /** The nominal delay never grows past this. Default 5 s. */
  maxDelayMs?: number;
};

export const DEFAULT_BACKOFF = { initialDelayMs: 250, maxDelayMs: 5_000 } as const;

/**
 * The wait before reconnect attempt `attempt` (0-based): the nominal delay doubles from
 * `initialDelayMs` up to `maxDelayMs`, and the actual wait is drawn between half and all of it,
 * so that many listeners dropped by one Asterisk restart don't all come back in the same
 * millisecond. `random` returns a number in [0, 1), like Math.random.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs;
  const max = options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs;
  const nominal = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(nominal * (0.5 + random() / 2));
}
