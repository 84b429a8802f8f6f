import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  it("doubles from 250 ms to a 5 s ceiling", () => {
    const nominal = Array.from({ length: 8 }, (_, attempt) => backoffDelay(attempt, {}, () => 0.999_999_9));
    expect(nominal).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it("draws each wait between half and all of the nominal delay", () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(125);
    expect(backoffDelay(3, {}, () => 0.5)).toBe(1500);
    expect(backoffDelay(100, { initialDelayMs: 10, maxDelayMs: 40 }, () => 0)).toBe(20);
  });
});
