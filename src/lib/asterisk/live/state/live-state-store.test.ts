import { describe, expect, it } from "vitest";
import { LiveStateStore } from "./live-state-store";
import { amiEvent, newTestStore, rebuildLists, replay } from "./testing/replay";

describe("apply", () => {
  it("returns [] for events it doesn't model and leaves the state alone", () => {
    const s = replay("03-basic-call-answered", (step) => step.kind === "lists" && step.block === "snap");
    const before = s.snapshot();
    for (const name of [
      "VarSet",
      "RTCPSent",
      "Cdr",
      "CEL",
      "MusicOnHoldStart",
      "FullyBooted",
      "NoSuchEvent",
      "",
    ]) {
      expect(
        s.apply(
          amiEvent(name, {
            Channel: "PJSIP/1001-00000000",
            Uniqueid: "1795319908.0",
            ChannelStateDesc: "Down",
          }),
        ),
      ).toEqual([]);
    }
    expect(s.snapshot()).toEqual(before);
  });

  it("never throws on odd input, and wire values can't reach Object.prototype", () => {
    const s = newTestStore();
    const odd = [
      amiEvent("Hangup"),
      amiEvent("Newchannel", { Timestamp: "not a number" }),
      amiEvent("Newchannel", { Uniqueid: "__proto__", Channel: "PJSIP/", Linkedid: "" }),
      amiEvent("BridgeEnter", { BridgeUniqueid: "b" }),
      amiEvent("BridgeLeave", { BridgeUniqueid: "nope", Uniqueid: "nope" }),
      amiEvent("BridgeDestroy", { BridgeUniqueid: "constructor" }),
      amiEvent("QueueCallerJoin", { Uniqueid: "x" }),
      amiEvent("QueueCallerJoin", { Queue: "__proto__", Uniqueid: "x", Position: "-3" }),
      amiEvent("QueueCallerLeave", { Queue: "missing", Uniqueid: "x" }),
      amiEvent("QueueMemberStatus", { Queue: "q" }),
      amiEvent("QueueMemberRemoved", { Queue: "q", Interface: "PJSIP/9" }),
      amiEvent("AgentConnect", { Queue: "q", HoldTime: "soon" }),
      amiEvent("ExtensionStatus", { Exten: "1001", Status: "garbage" }),
      amiEvent("DeviceStateChange", { Device: "toString", State: "" }),
      amiEvent("ParkedCall", { Parkinglot: "default" }),
      amiEvent("UnParkedCall", {}),
      amiEvent("ConfbridgeJoin", { Uniqueid: "x" }),
      amiEvent("ConfbridgeEnd", { Conference: "hasOwnProperty" }),
      amiEvent("ChanSpyStart", { SpyerUniqueid: "unknown" }),
      amiEvent("OriginateResponse", { Application: "ChanSpy", Uniqueid: "y" }),
      amiEvent("Shutdown"),
    ];
    for (const event of odd) expect(() => s.apply(event)).not.toThrow();
    expect(({} as Record<string, unknown>).Uniqueid).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "position")).toBe(false);
    expect(s.state.extensions["1001@"]?.state).toBe("unavailable");
  });

  it("reports a reducer that throws and still returns what changed", () => {
    const errors: unknown[] = [];
    const s = new LiveStateStore({ now: () => 0, onError: (error) => errors.push(error) });
    const poisoned = amiEvent("Newchannel", { Uniqueid: "1.0", Channel: "PJSIP/1001-00000000" });
    Object.defineProperty(poisoned.fields, "Linkedid", {
      get() {
        throw new Error("boom");
      },
    });
    expect(s.apply(poisoned)).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it("gives one change per entity per event, even when the event touches it several times", () => {
    const s = newTestStore();
    s.apply(
      amiEvent("Newchannel", { Uniqueid: "1.0", Channel: "PJSIP/1001-00000000", ChannelStateDesc: "Ring" }),
    );
    const changes = s.apply(
      amiEvent("BridgeEnter", {
        BridgeUniqueid: "b",
        BridgeType: "basic",
        Uniqueid: "1.0",
        Channel: "PJSIP/1001-00000000",
        ChannelStateDesc: "Up",
      }),
    );
    expect(changes.map((c) => `${c.op} ${c.collection} ${c.key}`)).toEqual([
      "upsert bridges b",
      "upsert channels 1.0",
    ]);
    expect(changes[1]).toMatchObject({ value: { state: "Up", bridgeId: "b" } });
  });
});

describe("rebuild", () => {
  it("replaces the state: nothing the lists don't show survives", () => {
    const s = replay("03-basic-call-answered", (step) => step.kind === "lists" && step.block === "snap");
    expect(Object.keys(s.state.channels)).toHaveLength(2);
    s.rebuild(rebuildLists());
    expect(s.state).toEqual({
      channels: {},
      bridges: {},
      extensions: {},
      devices: {},
      queues: {},
      parked: {},
      conferences: {},
      quality: {},
    });
  });

  it("keeps what only the listener knew about a channel that is still up (hold, recording)", () => {
    const s = replay("09-hold-unhold", (step) => step.kind === "lists" && step.block === "snap");
    expect(s.state.channels["1795320064.0"]?.onHold).toBe(true);
    const createdAt = s.state.channels["1795320064.0"]?.createdAt;
    s.rebuild(
      rebuildLists({
        CoreShowChannels: [
          amiEvent("CoreShowChannel", {
            Channel: "PJSIP/1001-00000000",
            ChannelStateDesc: "Up",
            Uniqueid: "1795320064.0",
            Linkedid: "1795320064.0",
            Duration: "00:01:00",
          }),
        ],
      }),
    );
    expect(s.state.channels["1795320064.0"]).toMatchObject({ onHold: true, createdAt });
  });

  it("reads times from the lists' durations against the listener's clock", () => {
    const s = newTestStore(() => 1_000_000_000);
    s.rebuild(
      rebuildLists({
        CoreShowChannels: [
          amiEvent("CoreShowChannel", {
            Channel: "PJSIP/1001-00000000",
            ChannelStateDesc: "Up",
            Uniqueid: "1.0",
            Duration: "01:02:03",
          }),
        ],
        QueueStatus: [amiEvent("QueueEntry", { Queue: "q", Position: "1", Uniqueid: "1.0", Wait: "42" })],
      }),
    );
    expect(s.state.channels["1.0"]).toMatchObject({
      createdAt: 1_000_000_000 - 3723_000,
      answeredAt: 1_000_000_000 - 3723_000,
    });
    expect(s.state.queues.q?.entries["1.0"]?.joinedAt).toBe(1_000_000_000 - 42_000);
  });
});
