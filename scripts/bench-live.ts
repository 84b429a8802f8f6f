import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runEndToEnd } from "./bench-live/end-to-end";
import { runClients } from "./bench-live/sse-clients";
import { runThroughput } from "./bench-live/throughput";

/**
 * `npm run bench:live`: the live panel's pipeline under load; prints one JSON object.
 * - listenerThroughput: the listener's work alone (parser → store → publisher → serialized
 *   deltas) on one core, in a child pinned with `taskset -c 0` (bench-live/throughput.ts);
 *   goal ≥ 20,000 events/s.
 * - endToEnd: simulator child at 1,000 phones / 50 queues / 200 calls / 2,000 events/s → real
 *   LiveListener + LiveMirror + liveEventStream over node:http here → 200 SSE clients in another
 *   child; latency from the AMI event's Timestamp to the client (bench-live/end-to-end.ts);
 *   goal p99 ≤ 100 ms.
 * - resources: CPU and peak RSS of each process over the measured window.
 * Options: --events N (throughput events per input, split over the rounds; default 300000),
 * --rounds N (5), --capture-events N (60000), --clients N (200),
 * --warmup ms (5000), --measure ms (20000), --skip throughput|end-to-end.
 * Uses RedisBus when REDIS_URL is set, else MemoryBus (the listener and SSE share this process).
 */
const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "all" },
    events: { type: "string", default: "300000" },
    rounds: { type: "string", default: "5" },
    "capture-events": { type: "string", default: "60000" },
    clients: { type: "string", default: "200" },
    warmup: { type: "string", default: "5000" },
    measure: { type: "string", default: "20000" },
    url: { type: "string" },
    skip: { type: "string", multiple: true, default: [] },
  },
});
const GOALS = { throughputEventsPerSecond: 20_000, p99LatencyMs: 100 };
/** This script again, in another process: node, the tsx loader flags, this file. */
const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url)];

if (values.mode === "throughput") {
  const result = await runThroughput({
    events: Number(values.events),
    rounds: Number(values.rounds),
    captureEvents: Number(values["capture-events"]),
  });
  console.info(JSON.stringify(result));
  process.exit(0);
}

if (values.mode === "clients") {
  await runClients(
    {
      url: values.url!,
      count: Number(values.clients),
      warmupMs: Number(values.warmup),
      measureMs: Number(values.measure),
    },
    (message) => console.info(JSON.stringify(message)),
  );
}

const started = performance.now();
const notes: string[] = [];
let listenerThroughput: Record<string, unknown> | null = null;
if (!values.skip.includes("throughput")) {
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  if (!pinned) notes.push("taskset is not available: the throughput child ran unpinned.");
  const args = ["--mode", "throughput", "--events", values.events, "--rounds", values.rounds];
  args.push("--capture-events", values["capture-events"]);
  const run = spawnSync(
    pinned ? "taskset" : self[0]!,
    [...(pinned ? ["-c", "0", ...self] : self.slice(1)), ...args],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`the throughput child failed (${run.status})`);
  listenerThroughput = {
    pinnedToCore: pinned ? 0 : null,
    ...(JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>),
  };
}

let endToEnd: Awaited<ReturnType<typeof runEndToEnd>> | null = null;
if (!values.skip.includes("end-to-end")) {
  endToEnd = await runEndToEnd({
    clients: Number(values.clients),
    warmupMs: Number(values.warmup),
    measureMs: Number(values.measure),
    self,
  });
}

const headline = (listenerThroughput?.simulator as { eventsPerSecond?: number } | undefined)?.eventsPerSecond;
notes.push(
  "endToEnd serves liveEventStream({ mirror, scope: FULL_SCOPE }) from node:http: the same code as GET /api/live minus Next's routing and auth.",
  "Latency = client receive time − the AMI event's Timestamp (the simulator stamps it with its wall clock when it emits); all processes share this machine's clock.",
  "Each client timestamps every frame; the JSON of each version is parsed once in the client process (full-scope clients get identical bytes) to find new channels and queue callers.",
  "listenerThroughput.simulator is the headline: a capture of the simulator's AMI bytes at 1,000 phones / 50 queues / 200 calls, rebuilt from its lists first; transcripts are the recorded Asterisk 22 sessions.",
  "2 shared cores: medians of noisy runs. cpuUsPerEvent (CPU time) moves less than events/s with other jobs' load, but still moves; waitingForCpuPercent is the time a process was ready to run but had no core.",
);
console.info(
  JSON.stringify(
    {
      goals: GOALS,
      met: {
        throughput: headline === undefined ? null : headline >= GOALS.throughputEventsPerSecond,
        latency: endToEnd ? endToEnd.endToEnd.latencyMs.p99 <= GOALS.p99LatencyMs : null,
      },
      listenerThroughput,
      endToEnd: endToEnd?.endToEnd ?? null,
      resources: endToEnd?.resources ?? null,
      benchSeconds: Math.round((performance.now() - started) / 1000),
      notes,
    },
    null,
    2,
  ),
);
process.exit(0);
