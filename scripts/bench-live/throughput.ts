import net from "node:net";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { isEmptyListError } from "@/lib/asterisk/ami/ami-error";
import { AmiMessageParser } from "@/lib/asterisk/ami/message-parser";
import { startAmiSimulator } from "@/lib/asterisk/ami/simulator/ami-simulator";
import { loadTranscript, splitHeaders } from "@/lib/asterisk/ami/testing/transcript";
import { LivePublisher } from "@/lib/asterisk/live/feed/live-publisher";
import { ListenerMetrics } from "@/lib/asterisk/live/listener/listener-metrics";
import { LiveStateStore } from "@/lib/asterisk/live/state/live-state-store";
import { REBUILD_ACTIONS, type RebuildLists } from "@/lib/asterisk/live/state/rebuild";
import { transcriptSteps } from "@/lib/asterisk/live/state/testing/transcript-steps";
import { CHANNELS } from "@/lib/bus/events";
import { MemoryBus } from "@/lib/bus/memory";
import { median, round, runQueueWaitMs, sleep } from "./stats";

/** The recorded sessions with live call traffic (no login failures, idle lists, reloads or restarts). */
const TRANSCRIPTS = [
  "03-basic-call-answered",
  "06-queue-call-answered",
  "07-queue-abandon",
  "09-hold-unhold",
  "10-blind-transfer",
  "11-attended-transfer",
  "12-park-unpark",
  "13-chanspy-listen-whisper-barge",
  "19-burst-20-calls",
];
/** What one socket read hands the listener under load (Node reads up to 64 KiB at a time). */
const CHUNK_BYTES = 64 * 1024;

/** The bytes to replay, and the list replies the listener would have rebuilt from before them. */
export type ThroughputInput = { name: string; bytes: Buffer; events: number; lists: RebuildLists };

export type ThroughputOptions = {
  /** Events per input over all rounds; each round replays the input (repeated) up to its share. */
  events: number;
  rounds: number;
  /** Events to capture from the simulator. */
  captureEvents: number;
};

/**
 * The listener's own work on one core, without sockets: raw AMI bytes in 64 KiB chunks →
 * AmiMessageParser → LiveStateStore.apply → LivePublisher.push (MemoryBus, the real 50 ms
 * coalescing and 1 s snapshots; the loop yields to the event loop after every chunk so those
 * timers fire) → each delta serialized into its SSE frame once, as liveEventStream does for
 * full-scope clients. Each round starts from a fresh store, publisher and parser.
 */
export async function runThroughput(options: ThroughputOptions) {
  const inputs = [await captureSimulator(options.captureEvents), transcriptInput()];
  const results: Record<string, unknown> = {};
  for (const input of inputs) {
    const perRound = Math.ceil(options.events / options.rounds);
    await replay(input, Math.min(perRound, input.events)); // untimed: lets the JIT settle
    const rounds: RoundResult[] = [];
    for (let i = 0; i < options.rounds; i++) rounds.push(await replay(input, perRound));
    const rates = rounds.map((r) => r.eventsPerSecond);
    results[input.name] = {
      inputEvents: input.events,
      inputMb: round(input.bytes.length / 1024 / 1024, 2),
      eventsPerRound: rounds[0]?.events ?? 0,
      totalEvents: rounds.reduce((n, r) => n + r.events, 0),
      eventsPerSecond: Math.round(median(rates)),
      cpuUsPerEvent: round(median(rounds.map((r) => r.cpuUsPerEvent)), 2),
      /** What one core would do if this process had it to itself. */
      eventsPerCpuSecond: Math.round(1e6 / median(rounds.map((r) => r.cpuUsPerEvent))),
      waitingForCpuPercent: round(median(rounds.map((r) => r.waitingForCpuPercent))),
      deltasPerRound: rounds[0]?.deltas ?? 0,
      deltaMbPerRound: round((rounds[0]?.deltaBytes ?? 0) / 1024 / 1024, 1),
      rounds: rates.map(Math.round),
    };
  }
  return results;
}

type RoundResult = {
  events: number;
  eventsPerSecond: number;
  cpuUsPerEvent: number;
  waitingForCpuPercent: number;
  deltas: number;
  deltaBytes: number;
};

async function replay(input: ThroughputInput, target: number): Promise<RoundResult> {
  const repeats = Math.max(1, Math.ceil(target / input.events));
  const store = new LiveStateStore({ timeZone: "UTC" });
  store.rebuild(input.lists);
  const bus = new MemoryBus();
  const metrics = new ListenerMetrics();
  const encoder = new TextEncoder();
  let deltas = 0;
  let deltaBytes = 0;
  bus.subscribe(CHANNELS.live, ({ delta }) => {
    deltas += 1;
    deltaBytes += encoder.encode(
      `event: delta\nid: ${delta.version}\ndata: ${JSON.stringify(delta)}\n\n`,
    ).length;
  });
  const publisher = new LivePublisher(
    { bus, getState: () => store.state },
    { state: "live", lastEventAt: null, error: null },
  );
  const parser = new AmiMessageParser({ banner: false });
  let events = 0;
  global.gc?.();
  const cpu = process.cpuUsage();
  const waited = runQueueWaitMs(process.pid) ?? 0;
  const started = performance.now();
  for (let r = 0; r < repeats; r++) {
    for (let at = 0; at < input.bytes.length; at += CHUNK_BYTES) {
      for (const frame of parser.push(input.bytes.subarray(at, at + CHUNK_BYTES))) {
        const message = frame.kind === "message" ? frame.message : null;
        if (message?.type !== "event" || message.actionId !== undefined) continue;
        events += 1;
        metrics.event();
        publisher.push(store.apply(message));
      }
      await yieldToLoop();
    }
  }
  await publisher.flushNow();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const waitedMs = (runQueueWaitMs(process.pid) ?? 0) - waited;
  publisher.stop();
  await bus.close();
  return {
    events,
    eventsPerSecond: (events / ms) * 1000,
    cpuUsPerEvent: (used.user + used.system) / events,
    waitingForCpuPercent: (waitedMs / ms) * 100,
    deltas,
    deltaBytes,
  };
}

/** The live events of the recorded Asterisk 22 sessions (no ActionID), as they came off the wire. */
function transcriptInput(): ThroughputInput {
  const raws: string[] = [];
  for (const name of TRANSCRIPTS) {
    for (const line of loadTranscript(name).lines) {
      if (line.dir !== "recv" || !line.raw.startsWith("Event: ")) continue;
      if (splitHeaders(line.raw).some(([key]) => key.toLowerCase() === "actionid")) continue;
      raws.push(line.raw);
    }
  }
  // Every recording was made on the same machine (phones 1001-1005, queues 5000 and 5001).
  const first = transcriptSteps(loadTranscript("06-queue-call-answered")).find((s) => s.kind === "lists");
  if (first?.kind !== "lists") throw new Error("06-queue-call-answered has no list block");
  return {
    name: "transcripts",
    bytes: Buffer.from(raws.join(""), "utf8"),
    events: raws.length,
    lists: first.lists,
  };
}

/**
 * A byte capture of the simulator at load: 1,000 phones, 50 queues, 200 concurrent calls, from
 * the first call on (so every channel's life is in it), read off a real AMI session.
 */
async function captureSimulator(wanted: number): Promise<ThroughputInput> {
  const sim = await startAmiSimulator({ extensions: 1000, queues: 50, seed: 1, port: 0 });
  const lists = await rebuildLists(sim.host, sim.port);
  const socket = net.connect(sim.port, sim.host);
  const chunks: Buffer[] = [];
  let loggedIn = false;
  let seen = "";
  socket.on("data", (chunk: Buffer) => {
    if (loggedIn) {
      chunks.push(chunk);
      return;
    }
    seen += chunk.toString("utf8");
    const end = seen.indexOf("Authentication accepted\r\n\r\n");
    if (end === -1) return;
    loggedIn = true;
    chunks.push(Buffer.from(seen.slice(end + "Authentication accepted\r\n\r\n".length), "utf8"));
  });
  socket.write("Action: Login\r\nUsername: switchboard\r\nSecret: switchboard\r\nEvents: on\r\n\r\n");
  while (!loggedIn) await sleep(10);
  const startCount = sim.eventCount;
  // A high rate packs whole call lives into a short capture; the mix of events is the same.
  sim.setRate(10_000, 200);
  const deadline = Date.now() + 20_000;
  while (sim.eventCount - startCount < wanted && Date.now() < deadline) await sleep(20);
  sim.setRate(null, null);
  await sleep(50);
  socket.destroy();
  await sim.stop();
  const all = Buffer.concat(chunks);
  // Cut after the last complete message, and count the events in it.
  const bytes = all.subarray(0, all.lastIndexOf("\r\n\r\n") + 4);
  let events = 0;
  for (const frame of new AmiMessageParser({ banner: false }).push(bytes)) {
    if (frame.kind === "message" && frame.message.type === "event" && frame.message.actionId === undefined)
      events += 1;
  }
  return { name: "simulator", bytes, events, lists };
}

/** What LiveListener.sync() collects: the items of every REBUILD_ACTIONS list. */
async function rebuildLists(host: string, port: number): Promise<RebuildLists> {
  const client = new AmiClient({
    host,
    port,
    username: "switchboard",
    secret: "switchboard",
    reconnect: false,
  });
  await client.connect();
  const lists = {} as RebuildLists;
  for (const action of REBUILD_ACTIONS) {
    try {
      lists[action] = (await client.action(action, {}, { timeoutMs: 30_000 })).events;
    } catch (err) {
      if (!isEmptyListError(err)) throw err;
      lists[action] = [];
    }
  }
  await client.close();
  return lists;
}

/** setImmediate resolves after the timers phase, so due coalescing/snapshot timers run first. */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
