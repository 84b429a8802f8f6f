import { describe, expect, it } from "vitest";
import { liveChannel, liveMember, liveQueue } from "@/lib/asterisk/live/testing/live-fixtures";
import { BlfState, emptyLiveState, type LiveState } from "@/lib/asterisk/live/types";
import { qualityFigures } from "./call-quality-badge";
import {
  agentLeg,
  callerLabel,
  callGroups,
  extensionTiles,
  formatDuration,
  movableLeg,
  queueCards,
} from "./panel-model";

/** A caller (1.0) talks to 1002 (1.1); supervisor 1001 listens in (9.0); 1003 rings (2.1). */
function state(): LiveState {
  const s = emptyLiveState();
  s.channels["1.0"] = liveChannel("1.0", null, {
    callerIdNum: "5551234",
    callerIdName: "<b>Eve</b>",
    createdAt: 100,
  });
  s.channels["1.1"] = liveChannel("1.1", "1002", {
    linkedid: "1.0",
    createdAt: 110,
    answeredAt: 120,
    callerIdNum: "1002",
    connectedLineNum: "5551234",
    connectedLineName: "<b>Eve</b>",
    recording: true,
  });
  s.channels["9.0"] = liveChannel("9.0", "1001", {
    spying: { target: "PJSIP/1002-00000011", mode: "whisper" },
    createdAt: 130,
  });
  s.channels["2.0"] = liveChannel("2.0", null, { state: "Ring", createdAt: 200 });
  s.channels["2.1"] = liveChannel("2.1", "1003", { linkedid: "2.0", state: "Ringing", createdAt: 201 });
  s.extensions["1002@sb-extensions"] = {
    exten: "1002",
    context: "sb-extensions",
    hint: "PJSIP/1002",
    state: BlfState.InUse,
    since: 115,
  };
  s.devices["PJSIP/1003"] = { device: "PJSIP/1003", state: BlfState.Ringing, since: 201 };
  s.queues.q5000 = liveQueue("q5000", ["1002"], [], {
    members: { "PJSIP/1002": liveMember("1002", { paused: true, pausedReason: "lunch", pausedSince: 50 }) },
  });
  return s;
}

const directory = [
  { number: "1002", name: "Bob" },
  { number: "1003", name: "Cat" },
  { number: "1004", name: "Dan" },
];

describe("extensionTiles", () => {
  it("takes the state from the hint, else the device, else offline", () => {
    const [bob, cat, dan] = extensionTiles(directory, state());
    expect([bob!.state, cat!.state, dan!.state]).toEqual([
      BlfState.InUse,
      BlfState.Ringing,
      BlfState.Unavailable,
    ]);
    expect([bob!.since, cat!.since, dan!.since]).toEqual([115, 201, null]);
  });

  it("shows the call's other party, a ringing leg, pauses and queues", () => {
    const [bob, cat] = extensionTiles(directory, state());
    expect(bob!.call?.uniqueid).toBe("1.1");
    expect(bob!.peer).toEqual({ num: "5551234", name: "<b>Eve</b>" });
    expect(bob!.paused).toEqual({ reason: "lunch", since: 50 });
    expect(bob!.queues).toEqual(["q5000"]);
    expect(cat!.ringing?.uniqueid).toBe("2.1");
  });

  it("carries the extension's browser-phone call quality, null without a report", () => {
    const s = state();
    const report = {
      extension: "1002",
      callId: "c1",
      sampledAt: 1,
      receivedAt: 2,
      rttMs: 48,
      jitterMs: 5,
      packetsLost: 1,
      packetLossPct: 0.25,
    };
    s.quality["1002"] = report;
    const [bob, cat] = extensionTiles(directory, s);
    expect(bob!.quality).toEqual(report);
    expect(cat!.quality).toBeNull();
    expect(qualityFigures(report)).toBe("RTT 48 ms · jitter 5 ms · loss 0.3%");
    expect(qualityFigures({ rttMs: null, jitterMs: 12.6, packetLossPct: null })).toBe(
      "RTT – · jitter 13 ms · loss –",
    );
  });

  it("shows every extension as offline before the first snapshot", () => {
    expect(extensionTiles(directory, null).map((t) => t.state)).toEqual([
      BlfState.Unavailable,
      BlfState.Unavailable,
      BlfState.Unavailable,
    ]);
  });
});

describe("callGroups", () => {
  it("groups legs by Linkedid, newest call first, with spies attached rather than listed", () => {
    const calls = callGroups(state());
    expect(calls.map((c) => c.linkedid)).toEqual(["2.0", "1.0"]);
    const talk = calls[1]!;
    expect(talk.legs.map((l) => l.uniqueid)).toEqual(["1.0", "1.1"]);
    expect(talk).toMatchObject({ startedAt: 100, answeredAt: 120, recording: true, ringing: false });
    expect(talk.spies).toEqual([{ extension: "1001", mode: "whisper" }]);
    expect(calls[0]!.ringing).toBe(true);
  });

  it("moves the party on the other side from the agent", () => {
    const talk = callGroups(state())[1]!;
    expect(agentLeg(talk, new Set(["1002"]))?.uniqueid).toBe("1.1");
    expect(movableLeg(talk, new Set(["1002"])).uniqueid).toBe("1.0");
    expect(movableLeg(talk, new Set()).uniqueid).toBe("1.0");
  });
});

describe("queueCards", () => {
  it("computes SLA as answered within the level over answered plus abandoned", () => {
    const s = state();
    s.queues.q5000 = liveQueue("q5000", [], ["1.0", "2.0"], {
      today: { day: "d", answered: 6, abandoned: 2, answeredWithinSla: 6 },
    });
    s.queues.q5000.entries["2.0"]!.joinedAt = 500;
    const [card, empty] = queueCards(
      [
        { name: "q5000", number: "5000", label: "Support" },
        { name: "q6000", number: "6000", label: "Sales" },
      ],
      s,
    );
    expect(card).toMatchObject({ slaPercent: 75, answered: 6, abandoned: 2, longestSince: 500 });
    expect(card!.waiting.map((w) => w.uniqueid)).toEqual(["1.0", "2.0"]);
    expect(empty).toMatchObject({ slaPercent: null, waiting: [], longestSince: null, members: [] });
  });
});

describe("formatting", () => {
  it.each([
    [0, "0:00"],
    [7_400, "0:07"],
    [754_000, "12:34"],
    [3_723_000, "1:02:03"],
    [-5_000, "0:00"],
  ])("formatDuration(%i) = %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("labels callers as plain text", () => {
    expect(callerLabel("5551234", "<b>Eve</b>")).toBe("<b>Eve</b> <5551234>");
    expect(callerLabel("5551234", "5551234")).toBe("5551234");
    expect(callerLabel("", "")).toBe("Unknown caller");
  });
});
