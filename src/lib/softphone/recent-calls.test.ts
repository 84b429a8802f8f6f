import { describe, expect, it } from "vitest";
import { addRecent, MAX_RECENT, parseRecent, type RecentCall } from "./recent-calls";

const call = (at: number, number = "1001"): RecentCall => ({
  number,
  direction: "out",
  at,
  seconds: 3,
  answered: true,
});

describe("recent calls", () => {
  it("keeps the newest first and at most MAX_RECENT", () => {
    let list: RecentCall[] = [];
    for (let i = 0; i < MAX_RECENT + 5; i++) list = addRecent(list, call(i));
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]?.at).toBe(MAX_RECENT + 4);
  });

  it("drops tampered or malformed storage", () => {
    const stored = JSON.stringify([call(1), { ...call(2), number: "1000@evil" }, { nope: true }, 5]);
    expect(parseRecent(stored)).toEqual([call(1)]);
    expect(parseRecent("{not json")).toEqual([]);
    expect(parseRecent(null)).toEqual([]);
  });
});
