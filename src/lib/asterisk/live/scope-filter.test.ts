import { describe, expect, it } from "vitest";
import {
  FULL_SCOPE,
  interfaceExtension,
  limitedScope,
  scopeChanges,
  scopeState,
  visibleChannels,
} from "./scope-filter";
import { liveChannel, liveQueue } from "./testing/live-fixtures";
import { BlfState, emptyLiveState, type LiveQueue, type LiveState } from "./types";

const channel = (uniqueid: string, endpoint: string | null, linkedid = uniqueid) =>
  liveChannel(uniqueid, endpoint, { linkedid });
const queue = liveQueue;

/**
 * 1001 (in scope) talks to an outside caller (same Linkedid 1.0); 1005 (out of scope) talks to
 * 1006; a caller waits in q5000 (in scope); another in q6000 (not).
 */
function sample(): LiveState {
  const s = emptyLiveState();
  for (const c of [
    channel("1.0", null),
    channel("1.1", "1001", "1.0"),
    channel("2.0", "1005"),
    channel("2.1", "1006", "2.0"),
    channel("3.0", null),
    channel("4.0", null),
  ])
    s.channels[c.uniqueid] = c;
  s.bridges.b1 = {
    id: "b1",
    type: "basic",
    technology: "simple_bridge",
    name: "",
    channels: ["1.0", "1.1"],
    createdAt: 1,
  };
  s.bridges.b2 = {
    id: "b2",
    type: "basic",
    technology: "simple_bridge",
    name: "",
    channels: ["2.0", "2.1"],
    createdAt: 1,
  };
  for (const ext of ["1001", "1005"]) {
    s.extensions[`${ext}@sb-extensions`] = {
      exten: ext,
      context: "sb-extensions",
      hint: `PJSIP/${ext}`,
      state: BlfState.InUse,
      since: 1,
    };
    s.devices[`PJSIP/${ext}`] = { device: `PJSIP/${ext}`, state: BlfState.InUse, since: 1 };
  }
  s.devices["Queue:q5000_avail"] = { device: "Queue:q5000_avail", state: BlfState.Idle, since: 1 };
  s.queues.q5000 = queue("q5000", ["1001", "1005"], ["3.0"]);
  s.queues.q6000 = queue("q6000", ["1005"], ["4.0"]);
  s.parked["default:701"] = {
    lot: "default",
    slot: "701",
    uniqueid: "9.0",
    channel: "PJSIP/trunk-9",
    callerIdNum: "",
    callerIdName: "",
    parkerDialString: "PJSIP/1001",
    parkedAt: 1,
    timeoutAt: 2,
  };
  s.parked["default:702"] = {
    ...s.parked["default:701"]!,
    slot: "702",
    uniqueid: "9.1",
    parkerDialString: "PJSIP/1005",
  };
  s.conferences["800"] = { name: "800", participants: ["1.1"], locked: false, startedAt: 1 };
  s.conferences["801"] = { name: "801", participants: ["2.1"], locked: false, startedAt: 1 };
  return s;
}

const supervisor = limitedScope(["1001"], ["q5000"]);

describe("interfaceExtension", () => {
  it.each([
    ["PJSIP/1001", "1001"],
    ["Local/1002@sb-agents/n", "1002"],
    ["Queue:q5000_avail", null],
    ["Local/s@somewhere", null],
    ["PJSIP/1001-00000001;x", null],
  ])("%s → %s", (iface, ext) => expect(interfaceExtension(iface)).toBe(ext));
});

describe("scopeState", () => {
  it("hands a full scope the same object", () => {
    const s = sample();
    expect(scopeState(s, FULL_SCOPE)).toBe(s);
  });

  it("keeps the scope's calls with all their legs, and queue callers of visible queues", () => {
    const scoped = scopeState(sample(), supervisor);
    expect(Object.keys(scoped.channels).sort()).toEqual(["1.0", "1.1", "3.0"]);
    expect(Object.keys(scoped.bridges)).toEqual(["b1"]);
  });

  it("filters hints and devices by extension, queues by name and members inside queues", () => {
    const scoped = scopeState(sample(), supervisor);
    expect(Object.keys(scoped.extensions)).toEqual(["1001@sb-extensions"]);
    expect(Object.keys(scoped.devices)).toEqual(["PJSIP/1001"]);
    expect(Object.keys(scoped.queues)).toEqual(["q5000"]);
    expect(Object.keys(scoped.queues.q5000!.members)).toEqual(["PJSIP/1001"]);
    expect(Object.keys(scoped.queues.q5000!.entries)).toEqual(["3.0"]);
    expect(scoped.queues.q5000!.today).toEqual(sample().queues.q5000!.today);
  });

  it("shows parked calls parked by someone in scope, and conferences with a participant in scope", () => {
    const scoped = scopeState(sample(), supervisor);
    expect(Object.keys(scoped.parked)).toEqual(["default:701"]);
    expect(Object.keys(scoped.conferences)).toEqual(["800"]);
  });

  it("gives an empty scope nothing at all", () => {
    const scoped = scopeState(sample(), limitedScope([], []));
    expect(scoped).toEqual(emptyLiveState());
  });

  it("trims a bridge to its visible channels", () => {
    const s = sample();
    s.bridges.b1!.channels.push("2.1");
    expect(scopeState(s, supervisor).bridges.b1!.channels).toEqual(["1.0", "1.1"]);
  });
});

describe("scopeChanges", () => {
  it("passes everything through for a full scope", () => {
    const changes = [{ op: "remove" as const, collection: "channels" as const, key: "x" }];
    expect(scopeChanges(changes, FULL_SCOPE, sample())).toEqual(changes);
  });

  it("drops out-of-scope upserts and keeps in-scope ones", () => {
    const s = sample();
    const out = scopeChanges(
      [
        { op: "upsert", collection: "channels", key: "2.1", value: s.channels["2.1"] },
        { op: "upsert", collection: "devices", key: "PJSIP/1005", value: s.devices["PJSIP/1005"] },
        {
          op: "upsert",
          collection: "extensions",
          key: "1001@sb-extensions",
          value: s.extensions["1001@sb-extensions"],
        },
      ],
      supervisor,
      s,
    );
    expect(out.map((c) => c.key)).toEqual(["1001@sb-extensions"]);
  });

  it("brings the other legs of a call along when an in-scope leg appears", () => {
    const s = sample();
    s.channels["5.0"] = channel("5.0", null);
    s.channels["5.1"] = channel("5.1", "1001", "5.0");
    const out = scopeChanges(
      [{ op: "upsert", collection: "channels", key: "5.1", value: s.channels["5.1"] }],
      supervisor,
      s,
    );
    expect(out.map((c) => c.key)).toEqual(["5.1", "5.0"]);
  });

  it("brings a caller's channel along when it joins a visible queue, with members trimmed", () => {
    const s = sample();
    s.channels["6.0"] = channel("6.0", null);
    s.queues.q5000 = queue("q5000", ["1001", "1005"], ["3.0", "6.0"]);
    const out = scopeChanges(
      [{ op: "upsert", collection: "queues", key: "q5000", value: s.queues.q5000 }],
      supervisor,
      s,
    );
    expect(out.map((c) => `${c.collection}:${c.key}`)).toEqual([
      "queues:q5000",
      "channels:3.0",
      "channels:6.0",
    ]);
    const q = out[0]!.op === "upsert" ? (out[0]!.value as LiveQueue) : null;
    expect(Object.keys(q!.members)).toEqual(["PJSIP/1001"]);
  });

  it("passes channel removes, and removes of keys in scope only for hints, devices and queues", () => {
    const out = scopeChanges(
      [
        { op: "remove", collection: "channels", key: "2.1" },
        { op: "remove", collection: "extensions", key: "1005@sb-extensions" },
        { op: "remove", collection: "extensions", key: "1001@sb-extensions" },
        { op: "remove", collection: "devices", key: "PJSIP/1005" },
        { op: "remove", collection: "queues", key: "q6000" },
        { op: "remove", collection: "queues", key: "q5000" },
      ],
      supervisor,
      sample(),
    );
    expect(out.map((c) => `${c.collection}:${c.key}`)).toEqual([
      "channels:2.1",
      "extensions:1001@sb-extensions",
      "queues:q5000",
    ]);
  });

  it("turns a bridge, parked call or conference that left the scope into a remove", () => {
    const s = sample();
    s.bridges.b1 = { ...s.bridges.b1!, channels: ["2.0"] };
    s.conferences["800"] = { ...s.conferences["800"]!, participants: ["2.1"] };
    const out = scopeChanges(
      [
        { op: "upsert", collection: "bridges", key: "b1", value: s.bridges.b1 },
        { op: "upsert", collection: "conferences", key: "800", value: s.conferences["800"] },
        { op: "upsert", collection: "parked", key: "default:702", value: s.parked["default:702"] },
      ],
      supervisor,
      s,
    );
    expect(out).toEqual([
      { op: "remove", collection: "bridges", key: "b1" },
      { op: "remove", collection: "conferences", key: "800" },
      { op: "remove", collection: "parked", key: "default:702" },
    ]);
  });

  it("agrees with scopeState about which channels are visible", () => {
    const s = sample();
    const all = Object.values(s.channels).map((c) => ({
      op: "upsert" as const,
      collection: "channels" as const,
      key: c.uniqueid,
      value: c,
    }));
    const keys = scopeChanges(all, supervisor, s)
      .map((c) => c.key)
      .sort();
    expect(keys).toEqual([...visibleChannels(s, supervisor)].sort());
  });
});

describe("call quality in scope", () => {
  const quality = (extension: string) => ({
    extension,
    callId: `call-${extension}`,
    sampledAt: 1,
    receivedAt: 2,
    rttMs: 40,
    jitterMs: 3,
    packetsLost: 0,
    packetLossPct: 0,
  });

  it("shows a limited scope only its extensions' figures, a full scope all", () => {
    const s = sample();
    s.quality["1001"] = quality("1001");
    s.quality["1005"] = quality("1005");
    expect(Object.keys(scopeState(s, supervisor).quality)).toEqual(["1001"]);
    expect(Object.keys(scopeState(s, limitedScope([], [])).quality)).toEqual([]);
    expect(Object.keys(scopeState(s, FULL_SCOPE).quality).sort()).toEqual(["1001", "1005"]);
  });

  it("passes upserts and removes of in-scope extensions only", () => {
    const s = sample();
    const out = scopeChanges(
      [
        { op: "upsert", collection: "quality", key: "1001", value: quality("1001") },
        { op: "upsert", collection: "quality", key: "1005", value: quality("1005") },
        { op: "remove", collection: "quality", key: "1001" },
        { op: "remove", collection: "quality", key: "1005" },
      ],
      supervisor,
      s,
    );
    expect(out).toEqual([
      { op: "upsert", collection: "quality", key: "1001", value: quality("1001") },
      { op: "remove", collection: "quality", key: "1001" },
    ]);
  });
});
