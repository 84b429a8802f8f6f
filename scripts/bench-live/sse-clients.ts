import http from "node:http";
import type { LiveDelta, LiveSnapshot } from "@/lib/asterisk/live/types";
import { type LatencySummary, NewEntities, summary } from "./new-entities";
import { ownUsage, round, sleep, usageMark } from "./stats";

export type ClientsOptions = { url: string; count: number; warmupMs: number; measureMs: number };

/** One line on stdout per step, read by the bench process. */
export type ClientsMessage =
  | { event: "measuring"; at: number }
  | { event: "measured"; at: number }
  | ({ event: "result" } & ClientsResult);

export type ClientsResult = {
  clientsConnected: number;
  clientsAtEnd: number;
  /** Over every client and every new entity in the window. */
  latencyMs: LatencySummary;
  /** New channels (Newchannel Timestamp) and new queue callers (QueueCallerJoin Timestamp) apart. */
  byKind: { channels: LatencySummary; queueEntries: LatencySummary };
  /** Entities first seen in the window (each gives one sample per client). */
  newEntities: { channels: number; queueEntries: number };
  deltasPerSecond: number;
  /** Bytes per second one client receives. */
  mbPerSecondPerClient: number;
  versionGaps: number;
  snapshotsAfterFirst: number;
  resources: ReturnType<typeof ownUsage>;
};

type Client = {
  /** The unfinished frame's bytes so far, as received (joined only when a frame is parsed). */
  parts: Buffer[];
  endsWithNewline: boolean;
  snapshot: boolean;
  lastVersion: number;
  closed: boolean;
  /** (version, receive time) of each delta received inside the window. */
  received: number[];
  bytes: number;
};

const FRAME_END = Buffer.from("\n\n");

/**
 * `count` SSE clients of GET /live in this process, as browsers on the panel would be. Every
 * client timestamps each frame when its last byte arrives. Full-scope clients get identical
 * bytes, so the JSON of each version is parsed once (by whichever client completes it first)
 * to find the entities that are new in it and the time of the AMI event behind each: a
 * channel's `createdAt` (Newchannel Timestamp) and a queue caller's `joinedAt`
 * (QueueCallerJoin Timestamp). Latency = receive time − that time, for every client.
 */
export async function runClients(options: ClientsOptions, report: (m: ClientsMessage) => void) {
  const tracker = new NewEntities();
  const clients: Client[] = [];
  let windowFrom = Number.POSITIVE_INFINITY;
  let windowTo = Number.POSITIVE_INFINITY;
  let versionGaps = 0;
  let snapshotsAfterFirst = 0;

  const onFrame = (client: Client, parts: Buffer[], at: number) => {
    const first = parts[0]!.length >= 64 || parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const head = first.toString("latin1", 0, Math.min(first.length, 64));
    const frame = () => (parts.length === 1 ? parts[0]! : Buffer.concat(parts));
    const kind = /^event: (\w+)\nid: (\d+)\n/.exec(head);
    if (!kind) return;
    const version = Number(kind[2]);
    if (kind[1] === "snapshot") {
      if (client.snapshot) snapshotsAfterFirst += 1;
      client.snapshot = true;
      client.lastVersion = version;
      tracker.snapshot(version, () => dataOf<LiveSnapshot>(frame()).state);
      return;
    }
    if (client.lastVersion !== 0 && version !== client.lastVersion + 1) versionGaps += 1;
    client.lastVersion = version;
    tracker.delta(version, () => dataOf<LiveDelta>(frame()).changes);
    if (at >= windowFrom && at < windowTo) client.received.push(version, at);
  };

  for (let i = 0; i < options.count; i++) {
    const client: Client = {
      parts: [],
      endsWithNewline: false,
      snapshot: false,
      lastVersion: 0,
      closed: false,
      received: [],
      bytes: 0,
    };
    clients.push(client);
    const onBody = (chunk: Buffer) => {
      const at = Date.now();
      if (at >= windowFrom && at < windowTo) client.bytes += chunk.length;
      let start = 0;
      // A "\n\n" split between the previous chunk and this one.
      if (client.endsWithNewline && chunk[0] === 0x0a && client.parts.length > 0) {
        onFrame(client, client.parts, at);
        client.parts = [];
        start = 1;
      }
      for (;;) {
        const end = chunk.indexOf(FRAME_END, start);
        if (end === -1) break;
        client.parts.push(chunk.subarray(start, end));
        onFrame(client, client.parts, at);
        client.parts = [];
        start = end + FRAME_END.length;
      }
      if (start < chunk.length) client.parts.push(chunk.subarray(start));
      client.endsWithNewline = chunk[chunk.length - 1] === 0x0a;
    };
    const closed = () => {
      client.closed = true;
    };
    const req = http.get(options.url, { agent: false }, (res) => {
      res.on("data", onBody);
      res.on("close", closed);
    });
    req.on("error", closed);
  }

  const deadline = Date.now() + 30_000;
  while (clients.some((c) => !c.snapshot && !c.closed) && Date.now() < deadline) await sleep(50);
  const connected = clients.filter((c) => c.snapshot && !c.closed).length;
  await sleep(options.warmupMs);

  const mark = usageMark();
  windowFrom = Date.now();
  windowTo = windowFrom + options.measureMs;
  report({ event: "measuring", at: windowFrom });
  await sleep(options.measureMs);
  report({ event: "measured", at: Date.now() });
  const resources = ownUsage(mark, options.measureMs);

  const latencies = { all: [] as number[], channels: [] as number[], queueEntries: [] as number[] };
  const versions = new Set<number>();
  let bytes = 0;
  for (const client of clients) {
    bytes += client.bytes;
    for (let i = 0; i < client.received.length; i += 2) {
      const version = client.received[i]!;
      const at = client.received[i + 1]!;
      versions.add(version);
      const times = tracker.times.get(version);
      for (const t of times?.channels ?? []) latencies.channels.push(at - t);
      for (const t of times?.entries ?? []) latencies.queueEntries.push(at - t);
    }
  }
  latencies.all = latencies.channels.concat(latencies.queueEntries);
  const entities = { channels: 0, queueEntries: 0 };
  for (const version of versions) {
    entities.channels += tracker.times.get(version)?.channels.length ?? 0;
    entities.queueEntries += tracker.times.get(version)?.entries.length ?? 0;
  }
  report({
    event: "result",
    clientsConnected: connected,
    clientsAtEnd: clients.filter((c) => c.snapshot && !c.closed).length,
    latencyMs: summary(latencies.all),
    byKind: { channels: summary(latencies.channels), queueEntries: summary(latencies.queueEntries) },
    newEntities: entities,
    deltasPerSecond: round(versions.size / (options.measureMs / 1000)),
    mbPerSecondPerClient: round(bytes / Math.max(1, connected) / 1024 / 1024 / (options.measureMs / 1000), 2),
    versionGaps,
    snapshotsAfterFirst,
    resources,
  });
  process.exit(0);
}

function dataOf<T>(frame: Buffer): T {
  const text = frame.toString("utf8");
  return JSON.parse(text.slice(text.indexOf("\ndata: ") + "\ndata: ".length)) as T;
}
