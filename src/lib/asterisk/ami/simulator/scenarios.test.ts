import { afterEach, describe, expect, it } from "vitest";
import { loadTranscript } from "../testing/transcript";
import { type AmiSimulator, startAmiSimulator } from "./ami-simulator";
import type { SimEvent } from "./sim-world";

/**
 * Every scenario end to end on the world alone (no client needed): the recorded event layouts
 * for what it adds, and a world back at rest afterwards, which is what keeps long load runs
 * from drifting (no leaked channels, bridges, waiting callers or busy phones).
 */
const sims: AmiSimulator[] = [];

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function start(deviceStates: "recorded" | "pjsip" = "recorded") {
  const sim = await startAmiSimulator({
    extensions: 6,
    firstExtension: 1001,
    queues: [
      { number: "5001", strategy: "rrmemory", members: ["1002", "1004", "1005"] },
      { number: "5000", strategy: "ringall", members: ["1001", "1002"] },
    ],
    seed: 5,
    deviceStates,
  });
  sims.push(sim);
  const events: SimEvent[] = [];
  sim.world.onEvent((e) => events.push(e));
  return { sim, events };
}

describe("scenarios", () => {
  it("hold-call: Hold on the holder, MusicOnHold on the other side, then Unhold", async () => {
    const { sim, events } = await start();
    await sim.triggerScenario("hold-call", {
      from: "1001",
      to: "1002",
      ringMs: 5,
      holdAfterMs: 5,
      holdMs: 5,
      talkMs: 5,
    }).done;
    expect(names(events).filter((n) => /hold/i.test(n))).toEqual([
      "Hold",
      "MusicOnHoldStart",
      "Unhold",
      "MusicOnHoldStop",
    ]);
    expect(channel(events, "Hold")).toMatch(/^PJSIP\/1001-/);
    expect(channel(events, "MusicOnHoldStart")).toMatch(/^PJSIP\/1002-/);
    expectLayouts(events, "09-hold-unhold", ["Hold", "Unhold", "MusicOnHoldStart", "MusicOnHoldStop"]);
    expectAtRest(sim, events);
  });

  it("blind-transfer: BlindTransfer (IsExternal) drops the transferer and the caller dials the target", async () => {
    const { sim, events } = await start();
    const run = sim.triggerScenario("blind-transfer", {
      from: "1001",
      to: "1002",
      transferTo: "1004",
      ringMs: 5,
      transferAfterMs: 5,
      talkMs: 5,
    });
    expect(await run.done).toBe("completed");
    expect(run.phases).toEqual([
      "ringing",
      "answered",
      "transferred",
      "target-ringing",
      "target-answered",
      "target-hungup",
    ]);
    const transfer = events.find((e) => e.name === "BlindTransfer")?.raw ?? "";
    expect(transfer).toContain("IsExternal: Yes\r\nContext: sb-internal\r\nExtension: 1004\r\n");
    const after = names(events.slice(events.findIndex((e) => e.name === "BlindTransfer")));
    expect(after.slice(0, 4)).toEqual(["BlindTransfer", "BridgeLeave", "BridgeLeave", "Hangup"]);
    expect(events.some((e) => e.name === "DialBegin" && e.raw.includes("DestChannel: PJSIP/1004-"))).toBe(
      true,
    );
    expectLayouts(events, "10-blind-transfer", ["BlindTransfer"]);
    expectAtRest(sim, events);
  });

  it("park-call: ParkedCall into 701, the parker hangs up, another phone picks it up (UnParkedCall)", async () => {
    const { sim, events } = await start();
    const run = sim.triggerScenario("park-call", {
      from: "1001",
      to: "1002",
      retriever: "1004",
      ringMs: 5,
      parkAfterMs: 5,
      parkerLeavesAfterMs: 5,
      parkedMs: 5,
      talkMs: 5,
    });
    expect(await run.done).toBe("completed");
    expect(names(events).filter((n) => n.includes("Park"))).toEqual(["ParkedCall", "UnParkedCall"]);
    expectLayouts(events, "12-park-unpark", ["ParkedCall", "UnParkedCall"]);
    // The lot's holding bridge outlives the call, as in 12.
    expect([...sim.world.bridges.values()].map((b) => [b.type, b.channels.length])).toEqual([["parking", 0]]);
    expectAtRest(sim, events);
  });

  it("park-call without a pickup: the parked caller gives up", async () => {
    const { sim, events } = await start();
    await sim.triggerScenario("park-call", {
      from: "1001",
      to: "1002",
      ringMs: 5,
      parkAfterMs: 5,
      parkerLeavesAfterMs: 5,
      parkedMs: 5,
      retrieve: false,
    }).done;
    expect(names(events).filter((n) => n.includes("Park"))).toEqual(["ParkedCall", "ParkedCallGiveUp"]);
    expectAtRest(sim, events);
  });

  it("conference: ConfbridgeStart, three joins and leaves, ConfbridgeEnd; the announcer counts", async () => {
    const { sim, events } = await start();
    await sim.triggerScenario("conference", {
      participants: ["1001", "1002", "1004"],
      joinGapMs: 5,
      talkMs: 5,
      leaveGapMs: 5,
    }).done;
    expect(names(events).filter((n) => n.startsWith("Confbridge"))).toEqual([
      "ConfbridgeStart",
      "ConfbridgeJoin",
      "ConfbridgeJoin",
      "ConfbridgeJoin",
      "ConfbridgeLeave",
      "ConfbridgeLeave",
      "ConfbridgeLeave",
      "ConfbridgeEnd",
    ]);
    expect(
      events.filter((e) => e.name === "ConfbridgeJoin").map((e) => field(e, "BridgeNumChannels")),
    ).toEqual(["2", "3", "4"]);
    expectLayouts(events, "15-conference", [
      "ConfbridgeStart",
      "ConfbridgeJoin",
      "ConfbridgeLeave",
      "ConfbridgeEnd",
    ]);
    expectAtRest(sim, events);
  });

  it("agent-pause: QueueMemberPause with the reason in each of the agent's queues, then unpaused", async () => {
    const { sim, events } = await start();
    await sim.triggerScenario("agent-pause", { member: "1002", reason: "training", pauseMs: 5 }).done;
    const pauses = events.filter((e) => e.name === "QueueMemberPause");
    expect(pauses.map((e) => [field(e, "Queue"), field(e, "Paused"), field(e, "PausedReason")])).toEqual([
      ["q5001", "1", "training"],
      ["q5000", "1", "training"],
      ["q5001", "0", ""],
      ["q5000", "0", ""],
    ]);
    expectAtRest(sim, events);
  });

  it("queue-call with nobody free: the caller waits, is rung when an agent frees up, then answered", async () => {
    const { sim, events } = await start();
    await sim.triggerScenario("agent-pause", { member: "1001", queue: "q5000", pauseMs: null }).done;
    const busy = sim.triggerScenario("basic-call", { from: "1002", to: "1006", ringMs: 5, talkMs: 60 });
    await busy.reached("answered");
    const queued = sim.triggerScenario("queue-call", {
      from: "5551234",
      queue: "5000",
      ringMs: 20,
      talkMs: 5,
    });
    await queued.reached("queued");
    expect(events.filter((e) => e.name === "AgentCalled")).toHaveLength(0);
    expect(await queued.done).toBe("completed");
    expect(events.find((e) => e.name === "AgentConnect")?.raw).toContain("Interface: PJSIP/1002\r\n");
    expect(events.find((e) => e.name === "QueueCallerJoin")?.raw).toContain("Channel: PJSIP/trunk-");
    expectAtRest(sim, events);
  });

  it("pjsip device states: the callee rings (RINGING), then both are in use (INUSE)", async () => {
    const { sim, events } = await start("pjsip");
    await sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 5, talkMs: 5 }).done;
    const states = events
      .filter((e) => e.name === "DeviceStateChange")
      .map((e) => `${field(e, "Device")} ${field(e, "State")}`);
    expect(states).toEqual([
      "PJSIP/1002 RINGING",
      "PJSIP/1001 INUSE",
      "PJSIP/1002 INUSE",
      "PJSIP/1002 NOT_INUSE",
      "PJSIP/1001 NOT_INUSE",
    ]);
    expectAtRest(sim, events);
  });
});

function names(events: SimEvent[]): string[] {
  return events.map((e) => e.name);
}

function field(event: SimEvent | undefined, key: string): string | undefined {
  return event?.raw
    .split("\r\n")
    .find((line) => line.startsWith(`${key}: `))
    ?.slice(key.length + 2);
}

function channel(events: SimEvent[], name: string): string | undefined {
  return field(
    events.find((e) => e.name === name),
    "Channel",
  );
}

/** Nothing left over: no channels or call bridges, nobody waiting or parked, every phone idle. */
function expectAtRest(sim: AmiSimulator, events: SimEvent[]) {
  const { world } = sim;
  expect([...world.channels.values()].map((ch) => ch.name)).toEqual([]);
  expect([...world.bridges.values()].filter((b) => b.type !== "parking" || b.channels.length > 0)).toEqual(
    [],
  );
  expect([...world.queues.values()].flatMap((q) => q.entries)).toEqual([]);
  expect(world.parked.size + world.conferences.size).toBe(0);
  const phones = [...world.devices].filter(([device]) => /^PJSIP\/\d+$/.test(device));
  expect(phones.filter(([, state]) => state !== "NOT_INUSE")).toEqual([]);
  expect(events.filter((e) => e.name === "Newchannel").length).toBe(
    events.filter((e) => e.name === "Hangup").length,
  );
}

/** Header keys of each named event equal those of its first live occurrence in the transcript. */
function expectLayouts(events: SimEvent[], transcript: string, eventNames: string[]) {
  const recorded = loadTranscript(transcript).lines.filter(
    (l) => l.dir === "recv" && !l.raw.includes("\r\nActionID: "),
  );
  for (const name of eventNames) {
    const ours = events.find((e) => e.name === name)?.raw;
    const theirs = recorded.find((l) => l.raw.startsWith(`Event: ${name}\r\n`))?.raw;
    expect({ name, keys: keysOf(ours) }).toEqual({ name, keys: keysOf(theirs) });
  }
}

function keysOf(raw: string | undefined): string[] {
  return (raw ?? "")
    .replace(/\r\n\r\n$/, "")
    .split("\r\n")
    .map((line) => line.slice(0, line.indexOf(":")));
}
