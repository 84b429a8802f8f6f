import { describe, expect, it } from "vitest";
import { dueReminders, nextReminderIn, nextWrapup } from "./inbox";

const T = Date.parse("2026-11-22T10:00:00Z");
const cb = (id: string, minutes: number) => ({
  id,
  number: "5551234",
  dueAt: new Date(T + minutes * 60_000).toISOString(),
  note: "",
  linkedid: null,
});

describe("callback reminders", () => {
  const list = [cb("late", -5), cb("now", 0), cb("soon", 1), cb("later", 30)];

  it("fires for callbacks due now or earlier, once each", () => {
    expect(dueReminders(list, new Set(), T).map((c) => c.id)).toEqual(["late", "now"]);
    expect(dueReminders(list, new Set(["late", "now"]), T)).toEqual([]);
    expect(dueReminders(list, new Set(["late", "now"]), T + 60_000).map((c) => c.id)).toEqual(["soon"]);
  });

  it("follows the server's clock when the browser's is off", () => {
    // The laptop runs 2 minutes fast: "soon" is not due yet by the server's clock.
    expect(dueReminders(list, new Set(["late", "now"]), T + 120_000, 120_000)).toEqual([]);
    expect(nextReminderIn(list, new Set(["late", "now"]), T + 120_000, 120_000)).toBe(60_000);
  });

  it("sleeps until the next one not yet due, or not at all", () => {
    expect(nextReminderIn(list, new Set(), T)).toBe(60_000);
    expect(nextReminderIn(list, new Set(["soon"]), T)).toBe(30 * 60_000);
    expect(nextReminderIn([cb("late", -5)], new Set(), T)).toBeNull();
  });
});

describe("which wrap-up to show", () => {
  const w = (id: number, required: boolean, minutes: number) => ({
    id,
    required,
    endedAt: new Date(T + minutes * 60_000).toISOString(),
  });

  it("shows required ones first, then the oldest", () => {
    expect(nextWrapup([w(1, false, 0), w(2, true, 5), w(3, true, 1)])?.id).toBe(3);
    expect(nextWrapup([w(1, false, 5), w(2, false, 1)])?.id).toBe(2);
    expect(nextWrapup([])).toBeNull();
  });

  it("lets the agent set an optional one aside, never a required one", () => {
    expect(nextWrapup([w(1, false, 0)], new Set([1]))).toBeNull();
    expect(nextWrapup([w(1, false, 0), w(2, false, 1)], new Set([1]))?.id).toBe(2);
    expect(nextWrapup([w(1, true, 0)], new Set([1]))?.id).toBe(1);
  });
});
