import { describe, expect, it } from "vitest";
import { callFiltersSchema, dateRange, pickFilterParams } from "./calls";

const NOW = new Date("2026-11-22T15:30:00Z");

describe("call filters", () => {
  it("turns presets into UTC day ranges", () => {
    const iso = (r: { start?: Date; end?: Date }) => [r.start?.toISOString(), r.end?.toISOString()];
    expect(iso(dateRange({ preset: "today" }, NOW))).toEqual([
      "2026-11-22T00:00:00.000Z",
      "2026-11-23T00:00:00.000Z",
    ]);
    expect(iso(dateRange({ preset: "yesterday" }, NOW))).toEqual([
      "2026-11-21T00:00:00.000Z",
      "2026-11-22T00:00:00.000Z",
    ]);
    expect(iso(dateRange({ preset: "last7" }, NOW))).toEqual([
      "2026-11-16T00:00:00.000Z",
      "2026-11-23T00:00:00.000Z",
    ]);
    expect(iso(dateRange({ preset: "month" }, NOW))).toEqual([
      "2026-11-01T00:00:00.000Z",
      "2026-11-23T00:00:00.000Z",
    ]);
    expect(iso(dateRange({ from: "2026-10-01", to: "2026-10-02" }, NOW))).toEqual([
      "2026-10-01T00:00:00.000Z",
      "2026-10-03T00:00:00.000Z",
    ]);
    expect(dateRange({}, NOW)).toEqual({ start: undefined, end: undefined });
  });

  it("validates with messages a person can act on", () => {
    const errors = (input: Record<string, string>) => {
      const r = callFiltersSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    };
    expect(errors({ from: "2026-11-22", to: "2026-11-01" })).toEqual([
      "to: The end date is before the start date.",
    ]);
    expect(errors({ minDuration: "-1" })).toEqual(["minDuration: Seconds cannot be negative."]);
    expect(errors({ ext: "12a" })).toEqual(["ext: An extension is 2 to 8 digits."]);
    expect(errors({ q: "1' or '1'='1" })).toEqual(["q: Numbers, letters, + * # @ . _ - only."]);
    expect(errors({ sort: "clid" })).toEqual(["sort: Sort by date, duration or billed time."]);
    expect(errors({ direction: "sideways" })).toEqual(["direction: Choose inbound, outbound or internal."]);
  });

  it("defaults to newest first and ignores empty and unknown params", () => {
    const params = pickFilterParams(new URLSearchParams("q=&sort=&evil=1&ext=1001"));
    expect(params).toEqual({ ext: "1001" });
    expect(callFiltersSchema.parse(params)).toMatchObject({ sort: "calldate", dir: "desc", ext: "1001" });
  });
});
