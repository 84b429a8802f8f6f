import { describe, expect, it } from "vitest";
import type { LiveState } from "../types";
import type { RebuildLists } from "./rebuild";
import { amiEvent, newTestStore, rebuildLists, replay } from "./testing/replay";

describe("Shutdown", () => {
  it("clears channels, bridges, parked calls, conferences and waiting callers, and keeps hints", () => {
    const s = newTestStore();
    s.rebuild(
      rebuildLists({
        CoreShowChannels: [
          amiEvent("CoreShowChannel", {
            Channel: "PJSIP/1001-00000000",
            ChannelStateDesc: "Up",
            Uniqueid: "1.0",
            Linkedid: "1.0",
            BridgeId: "b",
          }),
          amiEvent("CoreShowChannel", {
            Channel: "PJSIP/1005-00000001",
            ChannelStateDesc: "Up",
            Uniqueid: "1.1",
            Linkedid: "1.1",
          }),
        ],
        BridgeList: [
          amiEvent("BridgeListItem", { BridgeUniqueid: "b", BridgeType: "parking", BridgeName: "default" }),
        ],
        ExtensionStateList: [
          amiEvent("ExtensionStatus", {
            Exten: "1001",
            Context: "from-internal",
            Hint: "PJSIP/1001",
            Status: "1",
          }),
        ],
        QueueStatus: [
          amiEvent("QueueParams", { Queue: "testq", Strategy: "ringall" }),
          amiEvent("QueueEntry", {
            Queue: "testq",
            Position: "1",
            Channel: "PJSIP/1005-00000001",
            Uniqueid: "1.1",
          }),
        ],
        ParkedCalls: [
          amiEvent("ParkedCall", { Parkinglot: "default", ParkingSpace: "701", ParkeeUniqueid: "1.0" }),
        ],
        ConfbridgeListRooms: [amiEvent("ConfbridgeListRooms", { Conference: "800", Locked: "No" })],
      }),
    );
    const changes = s.apply(amiEvent("Shutdown", { Shutdown: "Cleanly", Restart: "True" }));
    expect(changes.map((c) => `${c.op} ${c.collection} ${c.key}`).sort()).toEqual([
      "remove bridges b",
      "remove channels 1.0",
      "remove channels 1.1",
      "remove conferences 800",
      "remove parked default:701",
      "upsert queues testq",
    ]);
    expect(s.state).toMatchObject({ channels: {}, bridges: {}, parked: {}, conferences: {} });
    expect(s.state.queues.testq?.entries).toEqual({});
    expect(s.state.extensions["1001@from-internal"]?.state).toBe("inuse");
  });
});

describe("Asterisk restart (18)", () => {
  it("after Shutdown, reconnect and rebuild, the state is what the end lists say", () => {
    const s = newTestStore();
    let afterShutdown: LiveState | undefined;
    let endLists: RebuildLists | undefined;
    replay(
      "18-asterisk-restart",
      (step) => {
        if (step.kind === "event" && step.event.event === "Shutdown") afterShutdown = s.snapshot();
        if (step.kind === "lists" && step.block === "end") endLists = step.lists;
      },
      s,
    );
    expect(afterShutdown).toMatchObject({ channels: {}, bridges: {}, parked: {}, conferences: {} });
    if (endLists === undefined) throw new Error("18 has end lists");

    s.rebuild(endLists);
    const fresh = newTestStore();
    fresh.rebuild(endLists);
    // `since` is the one thing a rebuild carries over on purpose (the state didn't change).
    expect(withoutSince(s.snapshot())).toEqual(withoutSince(fresh.snapshot()));
    expect(Object.keys(s.state.extensions)).toHaveLength(35);
    expect(s.state.extensions["1001@from-internal"]).toMatchObject({ hint: "PJSIP/1001", state: "idle" });
  });
});

function withoutSince(state: LiveState) {
  const strip = <T extends { since: number }>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).map(([key, { since: _, ...rest }]) => [key, rest]));
  return { ...state, extensions: strip(state.extensions), devices: strip(state.devices) };
}
