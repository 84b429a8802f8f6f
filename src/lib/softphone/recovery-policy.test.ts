import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  backoffSchedule,
  DEFAULT_BACKOFF,
  shouldForceReconnect,
  sleptBetween,
  WAKE_TICK_MS,
} from "./recovery-policy";

describe("reconnection backoff", () => {
  it("doubles from 250 ms and stops at 10 s", () => {
    expect(backoffSchedule(8)).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("gets a dropped WebSocket four tries within 5 s, even at the top of the jitter", () => {
    const worst = [0, 1, 2, 3].map((a) => backoffDelay(a, DEFAULT_BACKOFF, () => 0.999_999));
    expect(worst.reduce((a, b) => a + b, 0)).toBeLessThan(5000);
  });

  it("spreads each delay by at most ±20% and never past the ceiling", () => {
    for (let a = 0; a < 12; a++) {
      const base = backoffSchedule(a + 1)[a] ?? Number.NaN;
      const low = backoffDelay(a, DEFAULT_BACKOFF, () => 0);
      const high = backoffDelay(a, DEFAULT_BACKOFF, () => 0.999_999);
      expect(low).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
      expect(high).toBeLessThanOrEqual(Math.min(DEFAULT_BACKOFF.maxMs, Math.ceil(base * 1.2)));
    }
  });

  it("treats nonsense attempts as the first", () => {
    expect(backoffDelay(-3, DEFAULT_BACKOFF, () => 0.5)).toBe(250);
    expect(backoffDelay(1.7, DEFAULT_BACKOFF, () => 0.5)).toBe(500);
  });
});

describe("wake detection", () => {
  it("sees a suspended machine in a late tick, not in a slightly late one", () => {
    expect(sleptBetween(0, WAKE_TICK_MS + 500)).toBe(false);
    expect(sleptBetween(0, 60_000)).toBe(true);
  });
});

describe("when to replace a socket that looks open", () => {
  it("always after online or wake, only when stale on visible, never on a mere close signal", () => {
    expect(shouldForceReconnect("online", true, 0)).toBe(true);
    expect(shouldForceReconnect("wake", true, 0)).toBe(true);
    expect(shouldForceReconnect("visible", true, 1000)).toBe(false);
    expect(shouldForceReconnect("visible", true, 60_000)).toBe(true);
    expect(shouldForceReconnect("visible", false, 0)).toBe(true);
    expect(shouldForceReconnect("socket-closed", false, 0)).toBe(true);
  });
});
