import { describe, expect, it } from "vitest";
import type { LiveBridge, LiveChange, LiveChannel } from "../types";
import { callsOf } from "./calls";
import { amiEvent, newTestStore, replay } from "./testing/replay";

const CALLER_1001 = "1795320064.0";
const CALLEE_1002 = "1795320064.1";

describe("hold", () => {
  it("Hold and Unhold set and clear onHold on the leg that held (09)", () => {
    const s = newTestStore();
    const seen: { event: string; uniqueid: string; onHold: boolean; published: boolean | undefined }[] = [];
    const visit: Visit = (step, changes) => {
      if (step.kind !== "event" || (step.event.event !== "Hold" && step.event.event !== "Unhold")) return;
      const uniqueid = step.event.fields.Uniqueid ?? "";
      seen.push({
        event: step.event.event,
        uniqueid,
        onHold: s.state.channels[uniqueid]?.onHold ?? false,
        published: channelChange(changes, uniqueid)?.onHold,
      });
    };
    replay("09-hold-unhold", visit, s);
    expect(seen).toEqual([
      { event: "Hold", uniqueid: CALLER_1001, onHold: true, published: true },
      { event: "Unhold", uniqueid: CALLER_1001, onHold: false, published: false },
      { event: "Hold", uniqueid: CALLEE_1002, onHold: true, published: true },
      { event: "Unhold", uniqueid: CALLEE_1002, onHold: false, published: false },
    ]);
  });
});

describe("recording", () => {
  it("MixMonitorStart and MixMonitorStop set and clear recording (14)", () => {
    const s = newTestStore();
    const recording: boolean[] = [];
    const visit: Visit = (step) => {
      if (step.kind === "event" && step.event.event.startsWith("MixMonitor")) {
        recording.push(s.state.channels["1795320210.1"]?.recording ?? false);
      }
    };
    replay("14-mixmonitor-on-demand", visit, s);
    expect(recording).toEqual([true, false]);
  });
});

describe("caller ID", () => {
  it("keeps names verbatim (escaping is the UI's job) and maps only Asterisk's <unknown> to empty", () => {
    const s = newTestStore();
    const changes = s.apply(
      amiEvent("Newchannel", {
        Timestamp: "1795320000.000001",
        Channel: "PJSIP/1001-00000000",
        ChannelStateDesc: "Ring",
        CallerIDNum: "1001",
        CallerIDName: `<script>alert("x")</script>`,
        ConnectedLineNum: "<unknown>",
        ConnectedLineName: "<unknown>",
        Context: "from-internal",
        Exten: "1002",
        Uniqueid: "1795320000.0",
        Linkedid: "1795320000.0",
      }),
    );
    const channel = s.state.channels["1795320000.0"];
    expect(channel?.callerIdName).toBe(`<script>alert("x")</script>`);
    expect(channelChange(changes, "1795320000.0")?.callerIdName).toBe(`<script>alert("x")</script>`);
    expect(callsOf(s.state)[0]?.legs[0]?.callerIdName).toBe(`<script>alert("x")</script>`);
    expect([channel?.connectedLineNum, channel?.connectedLineName]).toEqual(["", ""]);
    expect(channel?.createdAt).toBe(1795320000000);
    expect(channel?.endpoint).toBe("1001");
  });
});

describe("channel lifecycle", () => {
  it("sets answeredAt from the Newstate that brings the leg Up and removes the leg on Hangup (03)", () => {
    const s = replay("03-basic-call-answered", (step) => step.kind === "lists" && step.block === "snap");
    expect(s.state.channels["1795319908.0"]?.answeredAt).toBe(1795319911041);
    expect(s.state.channels["1795319908.1"]?.answeredAt).toBe(1795319911041);
    expect(s.state.channels["1795319908.0"]?.application).toBe("Dial");
    expect(s.state.channels["1795319908.1"]?.application).toBe("AppDial");
    const end = replay("03-basic-call-answered");
    expect(end.state.channels).toEqual({});
    expect(end.state.bridges).toEqual({});
  });

  it("a Hangup without BridgeLeave still takes the leg out of its bridge", () => {
    const s = newTestStore();
    s.apply(newchannel("1.0", "PJSIP/1001-00000000"));
    s.apply(newchannel("1.1", "PJSIP/1002-00000001"));
    s.apply(
      amiEvent("BridgeCreate", {
        BridgeUniqueid: "b1",
        BridgeType: "basic",
        BridgeTechnology: "simple_bridge",
      }),
    );
    s.apply(bridgeEnter("b1", "1.0", "PJSIP/1001-00000000"));
    s.apply(bridgeEnter("b1", "1.1", "PJSIP/1002-00000001"));
    const changes = s.apply(amiEvent("Hangup", { Channel: "PJSIP/1001-00000000", Uniqueid: "1.0" }));
    expect(s.state.bridges.b1?.channels).toEqual(["1.1"]);
    expect(changes.map((c) => [c.op, c.collection, c.key])).toEqual([
      ["upsert", "bridges", "b1"],
      ["remove", "channels", "1.0"],
    ]);
  });

  it("publishes copies: values handed out are never changed by later events", () => {
    const s = newTestStore();
    s.apply(newchannel("1.0", "PJSIP/1001-00000000"));
    s.apply(newchannel("1.1", "PJSIP/1002-00000001"));
    s.apply(bridgeEnter("b1", "1.0", "PJSIP/1001-00000000"));
    const entered = s.apply(bridgeEnter("b1", "1.1", "PJSIP/1002-00000001"));
    const held = s.apply(amiEvent("Hold", { Channel: "PJSIP/1001-00000000", Uniqueid: "1.0" }));
    const bridge = entered.find((c) => c.collection === "bridges");
    const channel = channelChange(held, "1.0");
    s.apply(amiEvent("Unhold", { Channel: "PJSIP/1001-00000000", Uniqueid: "1.0" }));
    s.apply(
      amiEvent("BridgeLeave", { BridgeUniqueid: "b1", Channel: "PJSIP/1001-00000000", Uniqueid: "1.0" }),
    );
    expect(bridge?.op === "upsert" && (bridge.value as LiveBridge).channels).toEqual(["1.0", "1.1"]);
    expect(channel?.onHold).toBe(true);
    expect(channel?.bridgeId).toBe("b1");
    expect(s.state.channels["1.0"]).toMatchObject({ onHold: false, bridgeId: null });
    expect(s.state.channels["1.0"]).not.toBe(channel);
  });
});

describe("ChanSpy", () => {
  const SPY_Q = "1795320177.2";
  const SPY_QW = "1795320184.3";
  const SPY_QB = "1795320192.4";
  const SPIED = "PJSIP/1002-00000001";

  function spyingAtEachStart(notes: [string, "listen" | "whisper" | "barge"][], drop: string[] = []) {
    const s = newTestStore();
    for (const [channel, mode] of notes) s.noteSpyMode(channel, mode);
    const seen: LiveChannel["spying"][] = [];
    replay(
      "13-chanspy-listen-whisper-barge",
      (step) => {
        if (step.kind !== "event" || !step.event.event.startsWith("ChanSpy")) return;
        seen.push(s.state.channels[step.event.fields.SpyerUniqueid ?? ""]?.spying ?? null);
      },
      s,
      new Set(drop),
    );
    return seen;
  }

  it("marks the spy leg with its target and the mode the app noted, which wins over ChanSpy's options", () => {
    expect(spyingAtEachStart([[SPY_Q, "whisper"]])).toEqual([
      { target: SPIED, mode: "whisper" },
      null,
      // Not noted: OriginateResponse's `Data: PJSIP/1002,qw` / `…,qB` say it.
      { target: SPIED, mode: "whisper" },
      null,
      { target: SPIED, mode: "barge" },
      null,
    ]);
  });

  it("has no mode when nothing said it, and takes one noted later by channel name", () => {
    const s = newTestStore();
    let noted: LiveChange[] = [];
    replay(
      "13-chanspy-listen-whisper-barge",
      (step) => {
        if (step.kind !== "event" || step.event.event !== "ChanSpyStart") return;
        expect(s.state.channels[step.event.fields.SpyerUniqueid ?? ""]?.spying).toEqual({
          target: SPIED,
          mode: null,
        });
        if (step.event.fields.SpyerUniqueid === SPY_QB) {
          noted = s.noteSpyMode("PJSIP/1004-00000004", "barge");
          return true;
        }
      },
      s,
      new Set(["OriginateResponse"]),
    );
    expect(noted).toEqual([
      {
        op: "upsert",
        collection: "channels",
        key: SPY_QB,
        value: expect.objectContaining({ spying: { target: SPIED, mode: "barge" } }),
      },
    ]);
    expect(s.state.channels[SPY_QW]).toBeUndefined();
  });
});

type Visit = Parameters<typeof replay>[1];

function channelChange(changes: LiveChange[], uniqueid: string): LiveChannel | undefined {
  const change = changes.find((c) => c.collection === "channels" && c.key === uniqueid);
  return change?.op === "upsert" ? (change.value as LiveChannel) : undefined;
}

function newchannel(uniqueid: string, name: string) {
  return amiEvent("Newchannel", {
    Channel: name,
    ChannelStateDesc: "Up",
    CallerIDNum: "",
    CallerIDName: "",
    Uniqueid: uniqueid,
    Linkedid: "1.0",
  });
}

function bridgeEnter(bridge: string, uniqueid: string, name: string) {
  return amiEvent("BridgeEnter", {
    BridgeUniqueid: bridge,
    BridgeType: "basic",
    BridgeTechnology: "simple_bridge",
    Channel: name,
    ChannelStateDesc: "Up",
    Uniqueid: uniqueid,
    Linkedid: "1.0",
  });
}
