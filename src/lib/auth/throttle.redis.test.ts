import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getBus } from "@/lib/bus/get-bus";
import { checkThrottle, clearFailures, MAX_FAILURES, recordFailure, WINDOW_SECONDS } from "./throttle";

// Keys are shared by every process on this Redis: a per-run tag keeps runs (and files) apart.
const run = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
const used: string[] = [];
const key = (name: string) => {
  const k = `acct:${name}-${run}@example.test`;
  used.push(k);
  return k;
};

async function fail(k: string, times: number) {
  for (let i = 0; i < times; i++) await recordFailure([k]);
}

describe.runIf(process.env.REDIS_URL)("login throttle (Redis store, REDIS_URL set)", () => {
  afterAll(async () => {
    for (const k of used) await clearFailures(k);
    await getBus().close();
  });

  it("uses the Redis bus", () => {
    expect(getBus().kind).toBe("redis");
  });

  it("refuses after the fifth failure with a retry time inside the window", async () => {
    const k = key("five");
    await fail(k, MAX_FAILURES - 1);
    expect(await checkThrottle([k])).toEqual({ limited: false, retryAfter: 0 });
    await fail(k, 1);
    const state = await checkThrottle([k]);
    expect(state.limited).toBe(true);
    expect(state.retryAfter).toBeGreaterThan(0);
    expect(state.retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it("does not extend the window with later failures", async () => {
    const k = key("nx");
    await fail(k, 1);
    await new Promise((r) => setTimeout(r, 2100));
    await fail(k, MAX_FAILURES - 1);
    const state = await checkThrottle([k]);
    expect(state.limited).toBe(true);
    expect(state.retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS - 1);
  });

  it("clearFailures resets one key and leaves the others", async () => {
    const a = key("clear-a");
    const b = key("clear-b");
    await fail(a, MAX_FAILURES);
    await fail(b, MAX_FAILURES);
    await clearFailures(a);
    expect((await checkThrottle([a])).limited).toBe(false);
    expect((await checkThrottle([b])).limited).toBe(true);
  });
});
