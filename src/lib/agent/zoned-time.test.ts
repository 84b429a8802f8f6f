import { describe, expect, it } from "vitest";
import { utcToZonedLocal, zonedLocalToUtc } from "./zoned-time";

describe("zoned wall-clock times", () => {
  it("reads a time typed in the call centre's zone as that zone's instant", () => {
    expect(zonedLocalToUtc("2026-11-22T10:00", "UTC")?.toISOString()).toBe("2026-11-22T10:00:00.000Z");
    expect(zonedLocalToUtc("2026-11-22T10:00", "Europe/Paris")?.toISOString()).toBe(
      "2026-11-22T09:00:00.000Z",
    );
    expect(zonedLocalToUtc("2026-07-01T10:00", "Europe/Paris")?.toISOString()).toBe(
      "2026-07-01T08:00:00.000Z",
    );
    expect(zonedLocalToUtc("2026-11-22T10:00", "America/New_York")?.toISOString()).toBe(
      "2026-11-22T15:00:00.000Z",
    );
    expect(zonedLocalToUtc("2026-11-22T10:00", "Asia/Kolkata")?.toISOString()).toBe(
      "2026-11-22T04:30:00.000Z",
    );
  });

  it("settles times next to a daylight-saving change on a real instant", () => {
    // Paris springs forward at 02:00 on 2026-03-29: 03:30 exists (UTC+2), 01:30 too (UTC+1).
    expect(zonedLocalToUtc("2026-03-29T03:30", "Europe/Paris")?.toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(zonedLocalToUtc("2026-03-29T01:30", "Europe/Paris")?.toISOString()).toBe(
      "2026-03-29T00:30:00.000Z",
    );
  });

  it("refuses dates and times that don't exist on a calendar", () => {
    expect(zonedLocalToUtc("2026-02-30T10:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-11-22T24:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-11-22T10:60", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-11-22 10:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("tomorrow", "UTC")).toBeNull();
  });

  it("writes an instant back as the zone's wall clock, round-tripping", () => {
    const at = new Date("2026-11-22T09:05:00Z");
    expect(utcToZonedLocal(at, "Europe/Paris")).toBe("2026-11-22T10:05");
    expect(utcToZonedLocal(at, "UTC")).toBe("2026-11-22T09:05");
    expect(zonedLocalToUtc(utcToZonedLocal(at, "Australia/Adelaide"), "Australia/Adelaide")).toEqual(at);
  });
});
