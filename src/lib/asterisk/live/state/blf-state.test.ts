import { describe, expect, it } from "vitest";
import { BlfState } from "../types";
import { blfFromDeviceState, blfFromExtensionStatus } from "./blf-state";

describe("blfFromExtensionStatus", () => {
  it.each([
    [-2, BlfState.Unavailable],
    [-1, BlfState.Unavailable],
    [0, BlfState.Idle],
    [1, BlfState.InUse],
    [2, BlfState.Busy],
    [4, BlfState.Unavailable],
    [8, BlfState.Ringing],
    [9, BlfState.Ringing],
    [16, BlfState.OnHold],
    [17, BlfState.OnHold],
  ])("maps Status %i to %s", (status, state) => {
    expect(blfFromExtensionStatus(status)).toBe(state);
    expect(blfFromExtensionStatus(String(status))).toBe(state);
  });

  it("treats a missing or unreadable Status as unavailable", () => {
    expect(blfFromExtensionStatus(undefined)).toBe(BlfState.Unavailable);
    expect(blfFromExtensionStatus("")).toBe(BlfState.Unavailable);
    expect(blfFromExtensionStatus("Idle")).toBe(BlfState.Unavailable);
  });
});

describe("blfFromDeviceState", () => {
  it.each([
    ["NOT_INUSE", 1, BlfState.Idle],
    ["INUSE", 2, BlfState.InUse],
    ["BUSY", 3, BlfState.Busy],
    ["INVALID", 4, BlfState.Unavailable],
    ["UNAVAILABLE", 5, BlfState.Unavailable],
    ["RINGING", 6, BlfState.Ringing],
    ["RINGINUSE", 7, BlfState.Ringing],
    ["ONHOLD", 8, BlfState.OnHold],
    ["UNKNOWN", 0, BlfState.Unavailable],
  ])("maps %s and %i to %s", (name, code, state) => {
    expect(blfFromDeviceState(name)).toBe(state);
    expect(blfFromDeviceState(code)).toBe(state);
    expect(blfFromDeviceState(String(code))).toBe(state);
  });

  it("treats anything else as unavailable", () => {
    expect(blfFromDeviceState(undefined)).toBe(BlfState.Unavailable);
    expect(blfFromDeviceState("SOMETHING_NEW")).toBe(BlfState.Unavailable);
    expect(blfFromDeviceState("__proto__")).toBe(BlfState.Unavailable);
  });
});
