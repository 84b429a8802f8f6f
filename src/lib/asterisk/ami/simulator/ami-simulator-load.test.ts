import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AmiMessageParser } from "../message-parser";
import { type AmiSimulator, startAmiSimulator } from "./ami-simulator";

/**
 * Generated traffic: the rate it holds, and that list actions answered in the middle of it agree
 * with the events a client received before the answer. Tolerances are wide on purpose: the
 * machine is shared, and what matters is the order of magnitude, not timing precision.
 */
const sims: AmiSimulator[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

describe("AMI simulator under generated load", () => {
  it("holds --rate 2000 within ±20% over about a second", async () => {
    const sim = await startAmiSimulator({ seed: 3, extensions: 60, queues: 4 });
    sims.push(sim);
    const session = await login(sim);
    await until(() => session.loggedIn);
    const before = sim.eventCount;
    const startedAt = performance.now();
    sim.setRate(2000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const emitted = sim.eventCount - before;
    const seconds = (performance.now() - startedAt) / 1000;
    sim.setRate(null);
    const perSecond = emitted / seconds;
    expect(perSecond).toBeGreaterThan(1600);
    expect(perSecond).toBeLessThan(2400);
    // The client saw them too (allowing for what was still in flight).
    await until(() => session.events >= emitted * 0.9);
  });

  it("answers CoreShowChannels, QueueStatus and ParkedCalls consistently with the events before them", async () => {
    const sim = await startAmiSimulator({ seed: 11, extensions: 30, queues: 3 });
    sims.push(sim);
    // Logged in first: events before the login are never sent, so derived state would start short.
    const session = await login(sim);
    await until(() => session.loggedIn);
    sim.setRate(1500);
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const check = await session.listCheck();
      expect(check.listed).toEqual(check.derived);
      expect(check.waiting).toEqual(check.derivedWaiting);
      expect(check.parked).toEqual(check.derivedParked);
      expect(check.bridges).toEqual(check.derivedBridges);
      expect(check.devices).toEqual(check.derivedDevices);
    }
    expect(sim.eventCount).toBeGreaterThan(100);
  });

  it("stays consistent while panel actions hit random channels mid-call", async () => {
    const sim = await startAmiSimulator({
      seed: 23,
      extensions: 30,
      queues: 3,
      parkingTimeoutS: 1,
      actionTiming: { answerMs: 20, ringMs: 30, talkMs: 200 },
    });
    sims.push(sim);
    const session = await login(sim);
    await until(() => session.loggedIn);
    sim.setRate(1500);
    const pick = <T>(items: T[], i: number) => items[(i * 7919) % Math.max(1, items.length)];
    for (let i = 0; i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      const channel = pick([...sim.world.channels.values()], i)?.name ?? "PJSIP/none-1";
      const phone = String(1000 + ((i * 13) % 30));
      const actions: [string, Record<string, string>][] = [
        ["Hangup", { Channel: channel }],
        ["Redirect", { Channel: channel, Exten: phone, Context: "sb-internal", Priority: "1" }],
        ["Redirect", { Channel: channel, Exten: "5001", Context: "sb-internal", Priority: "1" }],
        ["Park", { Channel: channel }],
        ["BlindTransfer", { Channel: channel, Exten: phone, Context: "sb-internal" }],
        ["QueuePause", { Interface: `PJSIP/${phone}`, Paused: i % 2 ? "true" : "false", Reason: "break" }],
        ["Originate", { Channel: `PJSIP/${phone}`, Exten: "5000", Context: "sb-internal", Async: "true" }],
        [
          "Originate",
          {
            Channel: `PJSIP/${phone}`,
            Application: "ChanSpy",
            Data: channel.split("-")[0] ?? "",
            Async: "true",
          },
        ],
        ["Redirect", { Channel: channel, Exten: "800", Context: "sb-internal", Priority: "1" }],
      ];
      const [action, headers] = actions[i % actions.length] as [string, Record<string, string>];
      session.send(action, headers);
      if (i % 8 === 7) {
        const check = await session.listCheck();
        expect(check.listed).toEqual(check.derived);
        expect(check.waiting).toEqual(check.derivedWaiting);
        expect(check.parked).toEqual(check.derivedParked);
        expect(check.bridges).toEqual(check.derivedBridges);
        expect(check.devices).toEqual(check.derivedDevices);
      }
    }
    expect(sim.actions.filter((a) => a.name === "Redirect").length).toBeGreaterThan(5);
    // With generation off, every call ends by itself: nothing is orphaned by the actions above.
    sim.setRate(null);
    await until(() => sim.world.channels.size === 0, 10_000);
    expect([...sim.world.queues.values()].flatMap((q) => q.entries)).toEqual([]);
    const phones = [...sim.world.devices].filter(([device]) => /^PJSIP\/\d+$/.test(device));
    expect(phones.filter(([, state]) => state !== "NOT_INUSE")).toEqual([]);
  });
});

type ListCheck = {
  listed: string[];
  derived: string[];
  waiting: string[];
  derivedWaiting: string[];
  parked: string[];
  derivedParked: string[];
  bridges: string[];
  derivedBridges: string[];
  /** `device state` for every device a live DeviceStateChange has mentioned. */
  devices: string[];
  derivedDevices: string[];
};

/**
 * A raw session that applies live events in wire order (Newchannel/Hangup, QueueCallerJoin/
 * Leave, ParkedCall/UnParkedCall/…) and snapshots that derived state at the exact point each
 * list's Complete arrives, which is what a listener rebuilding state must be able to rely on.
 */
async function login(sim: AmiSimulator) {
  const socket = net.createConnection({ host: sim.host, port: sim.port });
  sockets.push(socket);
  const parser = new AmiMessageParser();
  const channels = new Set<string>();
  const waiting = new Set<string>();
  const parked = new Set<string>();
  const bridges = new Set<string>();
  const devices = new Map<string, string>();
  const lists = new Map<
    string,
    {
      items: Record<string, string>[];
      resolve: (items: Record<string, string>[], derived: string[][]) => void;
    }
  >();
  let events = 0;
  let loggedIn = false;
  socket.on("data", (chunk: Buffer) => {
    for (const frame of parser.push(chunk)) {
      if (frame.kind !== "message") continue;
      const { message } = frame;
      if (message.actionId === "login") loggedIn = message.fields.Response === "Success";
      const f = message.fields;
      const list = message.actionId ? lists.get(message.actionId) : undefined;
      if (list && message.type === "event") {
        if (f.EventList === "Complete") {
          list.resolve(list.items, [
            [...channels].sort(),
            [...waiting].sort(),
            [...parked].sort(),
            [...bridges].sort(),
            [...devices].map(([d, state]) => `${d} ${state}`).sort(),
          ]);
        } else list.items.push({ ...f });
        continue;
      }
      if (message.type !== "event" || message.actionId) continue;
      events += 1;
      if (message.event === "Newchannel") channels.add(f.Channel ?? "");
      if (message.event === "Hangup") channels.delete(f.Channel ?? "");
      if (message.event === "QueueCallerJoin") waiting.add(f.Channel ?? "");
      if (message.event === "QueueCallerLeave") waiting.delete(f.Channel ?? "");
      if (message.event === "ParkedCall") parked.add(f.ParkeeChannel ?? "");
      if (message.event === "BridgeCreate") bridges.add(f.BridgeUniqueid ?? "");
      if (message.event === "BridgeDestroy") bridges.delete(f.BridgeUniqueid ?? "");
      if (message.event === "DeviceStateChange") devices.set(f.Device ?? "", f.State ?? "");
      if (["UnParkedCall", "ParkedCallGiveUp", "ParkedCallTimeOut"].includes(message.event)) {
        parked.delete(f.ParkeeChannel ?? "");
      }
    }
  });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  socket.write("Action: Login\r\nUsername: switchboard\r\nSecret: switchboard\r\nActionID: login\r\n\r\n");
  let n = 0;
  const list = (action: string) =>
    new Promise<{ items: Record<string, string>[]; derived: string[][] }>((resolve) => {
      const id = `list-${++n}`;
      lists.set(id, { items: [], resolve: (items, derived) => resolve({ items, derived }) });
      socket.write(`Action: ${action}\r\nActionID: ${id}\r\n\r\n`);
    });
  return {
    send(action: string, headers: Record<string, string>) {
      const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.write(`Action: ${action}\r\n${lines.join("")}ActionID: act-${++n}\r\n\r\n`);
    },
    get events() {
      return events;
    },
    get loggedIn() {
      return loggedIn;
    },
    async listCheck(): Promise<ListCheck> {
      const chans = await list("CoreShowChannels");
      const queues = await list("QueueStatus");
      const parkedCalls = await list("ParkedCalls");
      const bridgeList = await list("BridgeList");
      const deviceList = await list("DeviceStateList");
      const seen = new Set((deviceList.derived[4] ?? []).map((line) => line.slice(0, line.lastIndexOf(" "))));
      return {
        listed: chans.items.map((i) => i.Channel ?? "").sort(),
        derived: chans.derived[0] ?? [],
        waiting: queues.items
          .filter((i) => i.Event === "QueueEntry")
          .map((i) => i.Channel ?? "")
          .sort(),
        derivedWaiting: queues.derived[1] ?? [],
        parked: parkedCalls.items.map((i) => i.ParkeeChannel ?? "").sort(),
        derivedParked: parkedCalls.derived[2] ?? [],
        bridges: bridgeList.items.map((i) => i.BridgeUniqueid ?? "").sort(),
        derivedBridges: bridgeList.derived[3] ?? [],
        devices: deviceList.items
          .filter((i) => seen.has(i.Device ?? ""))
          .map((i) => `${i.Device} ${i.State}`)
          .sort(),
        derivedDevices: deviceList.derived[4] ?? [],
      };
    },
  };
}

async function until(predicate: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
