import { describe, expect, it } from "vitest";
import { evaluateTimeCondition, holidaySegments, inTimeRange, localTime } from "./time-condition";

const office = {
  schedule: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "16:59" }],
  holidays: [{ name: "Winter", start: "2026-12-24", end: "2027-01-02" }],
};
const at = (iso: string) => new Date(iso);

describe("evaluateTimeCondition", () => {
  it("matches inside the weekly window, end minute included (as Asterisk does)", () => {
    // Tuesday 2026-11-24
    expect(evaluateTimeCondition(office, at("2026-11-24T09:00:00Z"), "UTC").matched).toBe(true);
    expect(evaluateTimeCondition(office, at("2026-11-24T16:59:59Z"), "UTC").matched).toBe(true);
    expect(evaluateTimeCondition(office, at("2026-11-24T17:00:00Z"), "UTC").matched).toBe(false);
    expect(evaluateTimeCondition(office, at("2026-11-24T08:59:59Z"), "UTC").matched).toBe(false);
    // Sunday
    expect(evaluateTimeCondition(office, at("2026-11-22T10:00:00Z"), "UTC").matched).toBe(false);
  });

  it("evaluates in the settings time zone, across the DST changes", () => {
    // Europe/London springs forward on 2026-03-29 at 01:00 UTC; Monday 2026-03-30 08:30 UTC is 09:30 BST.
    expect(evaluateTimeCondition(office, at("2026-03-30T08:30:00Z"), "Europe/London").matched).toBe(true);
    expect(evaluateTimeCondition(office, at("2026-03-30T08:30:00Z"), "UTC").matched).toBe(false);
    // Friday 2026-03-27 (still GMT): 16:30 UTC is 16:30 local → open; a week later (BST) 16:30 UTC is 17:30 → closed.
    expect(evaluateTimeCondition(office, at("2026-03-27T16:30:00Z"), "Europe/London").matched).toBe(true);
    expect(evaluateTimeCondition(office, at("2026-04-03T16:30:00Z"), "Europe/London").matched).toBe(false);
    // Autumn: 2026-10-25 01:30 UTC is 01:30 GMT (the repeated hour has ended).
    expect(localTime(at("2026-10-25T00:30:00Z"), "Europe/London").minute).toBe(60 + 30);
    expect(localTime(at("2026-10-25T01:30:00Z"), "Europe/London").minute).toBe(60 + 30);
    // New York: Monday 2026-11-02 14:00 UTC is 09:00 EST.
    expect(evaluateTimeCondition(office, at("2026-11-02T14:00:00Z"), "America/New_York").matched).toBe(true);
    expect(evaluateTimeCondition(office, at("2026-11-02T13:59:00Z"), "America/New_York").matched).toBe(false);
  });

  it("turns a holiday into unmatched, whatever the schedule, on local dates", () => {
    // Thursday 2026-12-24 10:00: inside the schedule, but a holiday.
    const r = evaluateTimeCondition(office, at("2026-12-24T10:00:00Z"), "UTC");
    expect(r).toEqual({ matched: false, holiday: office.holidays[0] });
    // Monday 2027-01-04 is after it.
    expect(evaluateTimeCondition(office, at("2027-01-04T10:00:00Z"), "UTC").matched).toBe(true);
    // 2027-01-02 23:30 in New York is already 2027-01-03 in UTC: the local date decides.
    expect(
      evaluateTimeCondition(office, at("2027-01-03T04:30:00Z"), "America/New_York").holiday,
    ).not.toBeNull();
    expect(evaluateTimeCondition(office, at("2027-01-03T04:30:00Z"), "UTC").holiday).toBeNull();
  });
});

describe("inTimeRange", () => {
  it("wraps past midnight like Asterisk", () => {
    expect(inTimeRange(23 * 60, "22:00", "06:00")).toBe(true);
    expect(inTimeRange(5 * 60, "22:00", "06:00")).toBe(true);
    expect(inTimeRange(12 * 60, "22:00", "06:00")).toBe(false);
  });
});

describe("holidaySegments", () => {
  it("splits a range at month and year ends, with the right month lengths", () => {
    expect(holidaySegments({ start: "2026-12-24", end: "2027-01-02" })).toEqual([
      { year: 2026, month: "dec", days: "24-31" },
      { year: 2027, month: "jan", days: "1-2" },
    ]);
    expect(holidaySegments({ start: "2028-02-27", end: "2028-03-01" })).toEqual([
      { year: 2028, month: "feb", days: "27-29" },
      { year: 2028, month: "mar", days: "1" },
    ]);
    expect(holidaySegments({ start: "2027-05-03", end: "2027-05-03" })).toEqual([
      { year: 2027, month: "may", days: "3" },
    ]);
  });
});
