import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  checkThrottle,
  clearFailures,
  MAX_FAILURES,
  recordFailure,
  throttleKeys,
  WINDOW_SECONDS,
} from "./throttle";

// Pin the memory store whatever REDIS_URL says; the Redis store has its own file (throttle.redis.test.ts).
vi.mock("@/lib/bus/get-bus", async () => {
  const { MemoryBus } = await import("@/lib/bus/memory");
  const bus = new MemoryBus();
  return { getBus: () => bus };
});

let n = 0;
/** A fresh key per test: the store is process-wide. */
const freshKey = () => `acct:test-${++n}@example.com`;

async function fail(key: string, times: number) {
  for (let i = 0; i < times; i++) await recordFailure([key]);
}

describe("throttleKeys", () => {
  it("keys the account case- and space-insensitively, and the IP as given", () => {
    expect(throttleKeys("  Alice@Example.COM ", "198.51.100.7")).toEqual([
      "acct:alice@example.com",
      "ip:198.51.100.7",
    ]);
  });
});

describe("login throttle (memory store)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allows attempts until the fifth failure, then refuses with a retry time inside the window", async () => {
    const key = freshKey();
    await fail(key, MAX_FAILURES - 1);
    expect(await checkThrottle([key])).toEqual({ limited: false, retryAfter: 0 });

    await fail(key, 1);
    const state = await checkThrottle([key]);
    expect(state.limited).toBe(true);
    expect(state.retryAfter).toBeGreaterThan(0);
    expect(state.retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it("lets attempts through again once the window has passed", async () => {
    const key = freshKey();
    await fail(key, MAX_FAILURES);
    vi.advanceTimersByTime((WINDOW_SECONDS - 1) * 1000);
    expect((await checkThrottle([key])).limited).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(await checkThrottle([key])).toEqual({ limited: false, retryAfter: 0 });
  });

  it("starts the window at the first failure; later failures do not extend it", async () => {
    const key = freshKey();
    await fail(key, 1);
    vi.advanceTimersByTime(40_000);
    await fail(key, MAX_FAILURES - 1);
    const state = await checkThrottle([key]);
    expect(state.limited).toBe(true);
    expect(state.retryAfter).toBe(WINDOW_SECONDS - 40);
    vi.advanceTimersByTime((WINDOW_SECONDS - 40) * 1000);
    expect((await checkThrottle([key])).limited).toBe(false);
  });

  it("counts failures afresh after a window expires", async () => {
    const key = freshKey();
    await fail(key, MAX_FAILURES - 1);
    vi.advanceTimersByTime(WINDOW_SECONDS * 1000);
    await fail(key, MAX_FAILURES - 1);
    expect((await checkThrottle([key])).limited).toBe(false);
  });

  it("limits when any one key is limited, keeps keys independent, and reports the longest wait", async () => {
    const [acct, ip] = throttleKeys(`user-${++n}@example.com`, `203.0.113.${n}`) as [string, string];
    const other = freshKey();
    await fail(ip, MAX_FAILURES);
    vi.advanceTimersByTime(20_000);
    await fail(acct, MAX_FAILURES);

    expect((await checkThrottle([other])).limited).toBe(false);
    expect(await checkThrottle([ip])).toEqual({ limited: true, retryAfter: WINDOW_SECONDS - 20 });
    expect(await checkThrottle([acct, ip])).toEqual({ limited: true, retryAfter: WINDOW_SECONDS });
  });

  it("records a failure against every key given", async () => {
    const keys = [freshKey(), freshKey()];
    for (let i = 0; i < MAX_FAILURES; i++) await recordFailure(keys);
    expect((await checkThrottle([keys[0]!])).limited).toBe(true);
    expect((await checkThrottle([keys[1]!])).limited).toBe(true);
  });

  it("clearFailures resets one key and leaves the others", async () => {
    const a = freshKey();
    const b = freshKey();
    await fail(a, MAX_FAILURES);
    await fail(b, MAX_FAILURES);
    await clearFailures(a);
    expect((await checkThrottle([a])).limited).toBe(false);
    expect((await checkThrottle([b])).limited).toBe(true);
  });
});
