import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "./rate-limit";

describe("MemoryRateLimitStore", () => {
  it("allows one request per interval per key and says how long to wait", async () => {
    const clock = { now: 1_000 };
    const store = new MemoryRateLimitStore(() => clock.now);
    expect(await store.take("u1", 2_000)).toEqual({ allowed: true });
    expect(await store.take("u2", 2_000)).toEqual({ allowed: true });
    clock.now += 500;
    expect(await store.take("u1", 2_000)).toEqual({ allowed: false, retryAfterMs: 1_500 });
    clock.now += 1_499;
    expect(await store.take("u1", 2_000)).toEqual({ allowed: false, retryAfterMs: 1 });
    clock.now += 1;
    expect(await store.take("u1", 2_000)).toEqual({ allowed: true });
  });

  it("a refused request doesn't extend the window", async () => {
    const clock = { now: 0 };
    const store = new MemoryRateLimitStore(() => clock.now);
    await store.take("u", 2_000);
    for (let i = 0; i < 10; i++) {
      clock.now += 150;
      expect((await store.take("u", 2_000)).allowed).toBe(false);
    }
    clock.now = 2_000;
    expect((await store.take("u", 2_000)).allowed).toBe(true);
  });
});
