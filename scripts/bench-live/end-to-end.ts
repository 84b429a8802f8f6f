import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import pino from "pino";
import { LiveMirror } from "@/lib/asterisk/live/feed/live-mirror";
import { liveEventStream } from "@/lib/asterisk/live/feed/live-sse";
import { LIVE_METRICS_KEY, type LiveMetrics } from "@/lib/asterisk/live/listener/listener-metrics";
import { LiveListener } from "@/lib/asterisk/live/listener/live-listener";
import { FULL_SCOPE } from "@/lib/asterisk/live/scope-filter";
import { getBus } from "@/lib/bus/get-bus";
import { NewEntities, summary } from "./new-entities";
import type { ClientsMessage, ClientsResult } from "./sse-clients";
import { median, ownUsage, round, sleep, treeUsage, usageMark } from "./stats";

export type EndToEndOptions = {
  clients: number;
  warmupMs: number;
  measureMs: number;
  /** How to start this script again in another process (node, its flags, the script path). */
  self: string[];
};

const SIMULATOR_ARGS = [
  "--extensions",
  "1000",
  "--queues",
  "50",
  "--calls",
  "200",
  "--rate",
  "2000",
  "--seed",
  "1",
];

/**
 * The whole path on one machine: the simulator in a child process (`npm run simulator`), the
 * real LiveListener (no database) + LiveMirror + liveEventStream behind node:http in this
 * process, and the SSE clients in another child process (sse-clients.ts).
 */
export async function runEndToEnd(options: EndToEndOptions) {
  const simulator = spawn("npm", ["run", "--silent", "simulator", "--", "--port", "0", ...SIMULATOR_ARGS], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const simStats: { time: number; events: number }[] = [];
  createInterface({ input: simulator.stderr! }).on("line", (line) => {
    const entry = parseJson<{ msg?: string; time?: number; events?: number }>(line);
    if (entry?.msg === "stats" && entry.time && entry.events !== undefined)
      simStats.push({ time: entry.time, events: entry.events });
  });
  let listener: LiveListener | undefined;
  let mirror: LiveMirror | undefined;
  let server: http.Server | undefined;
  let clients: ChildProcess | undefined;
  const bus = getBus();
  try {
    const sim = await firstLine<{ event: string; host: string; port: number }>(
      simulator,
      (l) => l.event === "listening",
      60_000,
    );

    const log = pino({ level: "warn", base: { app: "bench-live" } }, pino.destination(2));
    listener = new LiveListener({
      bus,
      db: null,
      timeZone: "UTC",
      log,
      connection: async () => ({
        host: sim.host,
        port: sim.port,
        username: "switchboard",
        secret: "switchboard",
      }),
    });
    await listener.start();
    mirror = new LiveMirror({ bus });
    await mirror.start();
    const live = mirror;
    const deadline = Date.now() + 30_000;
    while (live.snapshot().connection.state !== "live") {
      if (Date.now() > deadline) throw new Error("the listener never got live");
      await sleep(50);
    }

    // The same measure one step earlier: when each delta reaches the mirror (after the bus).
    const atMirror = new NewEntities();
    atMirror.snapshot(live.snapshot().version, () => live.snapshot().state);
    const mirrorLatencies: number[] = [];
    const fanOut: number[] = [];
    let measuring = false;
    live.on("delta", (delta) => {
      // This listener runs before the clients' ones; setImmediate runs after their writes went out.
      const emitted = performance.now();
      if (measuring) setImmediate(() => fanOut.push(performance.now() - emitted));
      atMirror.delta(delta.version, () => delta.changes);
      if (!measuring) return;
      const at = Date.now();
      const times = atMirror.times.get(delta.version);
      for (const t of [...(times?.channels ?? []), ...(times?.entries ?? [])]) mirrorLatencies.push(at - t);
    });

    server = http.createServer((req, res) => serveLive(live, req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    clients = spawn(
      options.self[0]!,
      [
        ...options.self.slice(1),
        "--mode",
        "clients",
        "--url",
        `http://127.0.0.1:${port}/live`,
        "--clients",
        String(options.clients),
        "--warmup",
        String(options.warmupMs),
        "--measure",
        String(options.measureMs),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const clientLines = messages(clients);
    await clientLines.next("measuring");

    const from = { at: Date.now(), mark: usageMark(), sim: treeUsage(simulator.pid!) };
    measuring = true;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const metrics: LiveMetrics[] = [];
    const poll = setInterval(() => {
      void bus.getSnapshot<LiveMetrics>(LIVE_METRICS_KEY).then((m) => {
        if (m && m.data.at !== metrics.at(-1)?.at) metrics.push(m.data);
      });
    }, 250);
    await clientLines.next("measured");
    clearInterval(poll);
    loopDelay.disable();
    measuring = false;
    const wallMs = Date.now() - from.at;
    const server_ = ownUsage(from.mark, wallMs);
    const simTo = treeUsage(simulator.pid!);
    const result = (await clientLines.next("result")) as ClientsResult;
    const final = listener.metrics();

    const inWindow = simStats.filter((s) => s.time >= from.at - 1000 && s.time <= from.at + wallMs + 1000);
    const producedPerSecond =
      inWindow.length >= 2
        ? (inWindow.at(-1)!.events - inWindow[0]!.events) /
          ((inWindow.at(-1)!.time - inWindow[0]!.time) / 1000)
        : null;
    return {
      endToEnd: {
        bus: bus.kind,
        simulator: `npm run simulator -- --port 0 ${SIMULATOR_ARGS.join(" ")}`,
        clientsRequested: options.clients,
        clientsConnected: result.clientsConnected,
        clientsAtEnd: result.clientsAtEnd,
        warmupS: options.warmupMs / 1000,
        measureS: round(wallMs / 1000),
        latencyMs: result.latencyMs,
        latencyByKindMs: result.byKind,
        /** The same, taken in this process when the mirror emits the delta (once, not per client). */
        latencyAtMirrorMs: summary(mirrorLatencies),
        /** From the mirror's delta to every client's frame written to its socket, per delta. */
        fanOutMs: roundedSummary(fanOut),
        newEntitiesInWindow: result.newEntities,
        deltasPerSecond: result.deltasPerSecond,
        mbPerSecondPerClient: result.mbPerSecondPerClient,
        versionGaps: result.versionGaps,
        snapshotsAfterFirst: result.snapshotsAfterFirst,
        simulatorEventsPerSecond: producedPerSecond === null ? null : Math.round(producedPerSecond),
        listener: {
          eventsPerSecondMedian: Math.round(median(metrics.map((m) => m.eventsPerSecond))),
          publishLagMs: {
            median: median(metrics.map((m) => m.publishLagMs.last)),
            max: Math.max(0, ...metrics.map((m) => m.publishLagMs.max)),
          },
          samples: metrics.length,
          final,
        },
      },
      resources: {
        listenerAndSse: {
          ...server_,
          eventLoopDelayMs: {
            p50: round(loopDelay.percentile(50) / 1e6),
            p99: round(loopDelay.percentile(99) / 1e6),
            max: round(loopDelay.max / 1e6),
          },
        },
        clients: result.resources,
        simulator:
          from.sim && simTo
            ? {
                cpuPercent: round(((simTo.cpuMs - from.sim.cpuMs) / wallMs) * 100),
                peakRssMb: simTo.peakRssMb,
                waitingForCpuPercent: round(((simTo.waitMs - from.sim.waitMs) / wallMs) * 100),
                note: "npm → tsx → node tree: CPU summed, peak RSS of its largest process",
              }
            : null,
      },
    };
  } finally {
    if (clients && clients.exitCode === null) {
      await Promise.race([once(clients, "exit"), sleep(5000)]);
      clients.kill();
    }
    server?.closeAllConnections();
    server?.close();
    mirror?.stop();
    await listener?.stop().catch(() => {});
    await bus.close();
    if (simulator.pid && simulator.exitCode === null) {
      process.kill(-simulator.pid, "SIGTERM");
      await Promise.race([once(simulator, "exit"), sleep(5000)]);
    }
  }
}

function roundedSummary(xs: number[]) {
  const s = summary(xs);
  return { p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), max: round(s.max), samples: s.samples };
}

/**
 * What GET /api/live does after auth and scoping (src/app/api/live/route.ts), with Next's
 * part done by hand: the same headers, and the stream piped to the socket with back-pressure.
 */
function serveLive(mirror: LiveMirror, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url !== "/live") {
    res.writeHead(404).end();
    return;
  }
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const stream = liveEventStream({ mirror, scope: FULL_SCOPE, signal: abort.signal });
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  void (async () => {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || res.destroyed) break;
        if (!res.write(value)) await once(res, "drain");
      }
    } catch {}
    res.end();
  })();
}

/** The child's JSON lines on stdout, awaited one kind at a time. */
function messages(child: ChildProcess) {
  const seen: ClientsMessage[] = [];
  const waiting: { kind: string; resolve: (m: ClientsMessage) => void }[] = [];
  let exited = false;
  const settle = () => {
    for (const w of [...waiting]) {
      const m = seen.find((s) => s.event === w.kind);
      if (m) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const m = parseJson<ClientsMessage>(line);
    if (m?.event) {
      seen.push(m);
      settle();
    }
  });
  child.on("exit", () => {
    exited = true;
  });
  return {
    next(kind: ClientsMessage["event"]): Promise<ClientsMessage> {
      return new Promise((resolve, reject) => {
        waiting.push({ kind, resolve });
        settle();
        const check = setInterval(() => {
          if (!waiting.some((w) => w.resolve === resolve)) clearInterval(check);
          else if (exited) {
            clearInterval(check);
            reject(new Error(`the SSE clients exited before "${kind}"`));
          }
        }, 200);
      });
    },
  };
}

function firstLine<T>(child: ChildProcess, match: (line: T) => boolean, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the simulator did not start")), timeoutMs);
    child.on("exit", (code) => reject(new Error(`the simulator exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const parsed = parseJson<T>(line);
      if (parsed && match(parsed)) {
        clearTimeout(timer);
        resolve(parsed);
      }
    });
  });
}

function parseJson<T>(line: string): T | null {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}
