import net from "node:net";
import { afterEach, expect } from "vitest";
import { AmiClient } from "../ami-client";
import type { AmiEvent } from "../message";
import { type AmiSimulator, type AmiSimulatorOptions, startAmiSimulator } from "../simulator/ami-simulator";
import { loadTranscript } from "./transcript";

/**
 * Shared by the simulator's tests. Its world mirrors the recording machine: phones 1001-1005, a
 * ringall queue with 1001 and 1002 (the recordings' testq) and an rrmemory queue with 1002,
 * 1004, 1005 (rrq), so each state change raises as many QueueMemberStatus events as on the real
 * Asterisk.
 */
export const RECORDED_WORLD: AmiSimulatorOptions = {
  extensions: 5,
  firstExtension: 1001,
  queues: [
    { number: "5001", strategy: "rrmemory", members: ["1002", "1004", "1005"] },
    { number: "5000", strategy: "ringall", members: ["1001", "1002"] },
  ],
  seed: 7,
  loginFailureDelayMs: 20,
  actionTiming: { answerMs: 20, ringMs: 20, talkMs: null },
};

/** Events a production user filters out, and the login's own FullyBooted. */
export const NOT_COMPARED = new Set([
  "VarSet",
  "Newexten",
  "CEL",
  "RTCPSent",
  "RTCPReceived",
  "SuccessfulAuth",
  "ChallengeSent",
  "DTMFBegin",
  "DTMFEnd",
  "FullyBooted",
]);

/** Starts simulators and real AmiClients that are closed after each test. */
export function simulatorHarness() {
  const sims: AmiSimulator[] = [];
  const clients: AmiClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(sims.splice(0).map((s) => s.stop()));
  });
  const clientOptions = (sim: AmiSimulator) => ({
    host: sim.host,
    port: sim.port,
    username: "switchboard",
    secret: "switchboard",
    reconnect: false as const,
  });
  return {
    clientOptions,
    async start(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
      const sim = await startAmiSimulator({ ...RECORDED_WORLD, ...options });
      sims.push(sim);
      return sim;
    },
    track(client: AmiClient): AmiClient {
      clients.push(client);
      return client;
    },
    async connect(sim: AmiSimulator) {
      const client = new AmiClient(clientOptions(sim));
      clients.push(client);
      const events: AmiEvent[] = [];
      client.on("event", (event) => events.push(event));
      await client.connect();
      return { client, events };
    },
  };
}

export function channelNames(sim: AmiSimulator, ...endpoints: string[]): string[] {
  return endpoints.map((ep) => [...sim.world.channels.values()].find((ch) => ch.endpoint === ep)?.name ?? "");
}

export function compared(events: AmiEvent[]): AmiEvent[] {
  return events.filter((e) => !NOT_COMPARED.has(e.event));
}

/** The recorded live events from the scenario's first Newchannel on, minus NOT_COMPARED. */
export function recordedSequence(name: string): string[] {
  const names: string[] = [];
  for (const raw of liveEvents(name)) {
    const event = eventName(raw);
    if (event === "Newchannel" || names.length > 0) {
      if (!NOT_COMPARED.has(event)) names.push(event);
    }
  }
  return names;
}

/** Each simulated event type's header keys match the first recorded event of that type. */
export function expectRecordedLayouts(events: AmiEvent[], transcript: string) {
  const seen = new Set<string>();
  for (const event of compared(events)) {
    if (seen.has(event.event)) continue;
    seen.add(event.event);
    expect({ event: event.event, keys: keys(event) }).toEqual({
      event: event.event,
      keys: recordedLiveKeys(transcript, event.event),
    });
  }
}

export function liveEvents(name: string): string[] {
  return loadTranscript(name)
    .lines.filter((l) => l.dir === "recv" && l.raw.startsWith("Event: ") && !/\r\nActionID: /.test(l.raw))
    .map((l) => l.raw);
}

export function recordedLiveKeys(transcript: string, event: string): string[] {
  const raw = liveEvents(transcript).find((r) => eventName(r) === event);
  if (!raw) throw new Error(`${transcript} has no live ${event}`);
  return rawKeys(raw);
}

/** Keys of the first recorded list item (or Complete) named `event` answering an ActionID with `prefix`. */
export function recordedKeys(transcript: string, event: string, prefix: string): string[] {
  const raw = loadTranscript(transcript).lines.find(
    (l) => l.dir === "recv" && eventName(l.raw) === event && l.raw.includes(`\r\nActionID: ${prefix}`),
  )?.raw;
  if (!raw) throw new Error(`${transcript} has no ${event} for ${prefix}*`);
  return rawKeys(raw);
}

export function eventName(raw: string): string {
  return raw.startsWith("Event: ") ? raw.slice(7, raw.indexOf("\r\n")) : "";
}

export function rawKeys(raw: string): string[] {
  return raw
    .replace(/\r\n\r\n$/, "")
    .split("\r\n")
    .map((line) => line.slice(0, line.indexOf(":")));
}

export function keys(event: AmiEvent | undefined): string[] {
  return (event?.headers ?? []).map(([k]) => k);
}

export async function rawSession(port: number) {
  const socket = net.createConnection({ host: "127.0.0.1", port });
  socket.setEncoding("utf8");
  let text = "";
  socket.on("data", (chunk: string) => {
    text += chunk;
  });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return {
    send: (raw: string) => socket.write(raw),
    text: () => text,
    until: (predicate: (text: string) => boolean) => until(() => predicate(text)),
    closed,
  };
}

export async function until(predicate: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
