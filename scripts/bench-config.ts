import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { type ApplyProgress, requestApply } from "@/lib/asterisk/publish/apply";
import type { AsteriskControl } from "@/lib/asterisk/publish/asterisk-control";
import { expectationsFrom } from "@/lib/asterisk/publish/expectations";
import { readLiveFiles } from "@/lib/asterisk/publish/files";
import { openDb, setDbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import {
  callerListAssignments,
  callerListEntries,
  callerLists,
  didCallerRules,
  dids,
  ringTreeNodes,
  ringTrees,
} from "@/lib/db/schema/inbound";
import { ivrs, ivrVersions, sounds, timeConditions } from "@/lib/db/schema/ivr";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { outboundRoutes, outboundRouteTrunks, trunks } from "@/lib/db/schema/trunks";
import { encryptSecret } from "@/lib/settings/crypto";

/**
 * `npm run bench:config`: seeds a fresh database with 10,000 extensions, 500 queues of 20
 * members, 200 ring groups, 2,000 DIDs, 100 ring trees, 20 caller lists, 200 IVRs of 10 steps,
 * 100 time conditions, 50 trunks and 25 outbound routes, then prints one JSON object:
 * - render: the pure render (loaded state in, file contents out), median of 10 runs (goal ≤ 300 ms);
 * - loadAndRender: loading the state from the database and rendering it, median of 10 runs;
 * - oneChange: the Apply button's pipeline (requestApply: load, validate, render, diff against the
 *   files on disk, write what changed, verify, record the revision) after changing one extension,
 *   median of 5; Asterisk is a stand-in that loads the written files, and its time is subtracted
 *   (standInAsteriskMs), so this is Switchboard's part of an apply; stepsMs times each step;
 * - noChange: the same with nothing changed (median of 3), which must write nothing;
 * - peak RSS.
 * Uses a fresh PostgreSQL database when DATABASE_URL is set (dropped afterwards), else PGlite in memory.
 */
const EXTENSIONS = Number(process.env.BENCH_EXTENSIONS ?? 10_000);
const QUEUES = 500;
const MEMBERS = 20;
const GROUPS = 200;
/** Inbound routing: DIDs (each with two caller-ID rules and a block list), ring trees, list entries. */
const DIDS = 2_000;
const RING_TREES = 100;
const LISTS = 20;
const LIST_ENTRIES = 200;
/** IVRs of 10 steps each, time conditions, trunks and the outbound routes that use them. */
const IVRS = 200;
const TIME_CONDITIONS = 100;
const TRUNKS = 50;
const ROUTES = 25;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const { handle, drop } = await freshDb();
const dir = mkdtempSync(path.join(tmpdir(), "switchboard-bench-"));
try {
  await runMigrations(handle);
  const db = handle.db;
  const seedStarted = performance.now();
  const secret = encryptSecret("BenchSecretBenchSecret01");
  const extIds: string[] = [];
  for (let i = 0; i < EXTENSIONS; i += 1000) {
    const rows = await db
      .insert(extensions)
      .values(
        Array.from({ length: Math.min(1000, EXTENSIONS - i) }, (_, j) => ({
          number: String(100000 + i + j),
          displayName: `Agent ${i + j}`,
          secret,
          webrtc: (i + j) % 3 === 0,
          voicemailEnabled: (i + j) % 2 === 0,
          voicemailPin: "1234",
        })),
      )
      .returning({ id: extensions.id });
    extIds.push(...rows.map((r) => r.id));
  }
  const queueRows = await db
    .insert(queues)
    .values(
      Array.from({ length: QUEUES }, (_, i) => ({
        number: String(500000 + i),
        name: `Queue ${i}`,
        strategy: "rrmemory" as const,
      })),
    )
    .returning({ id: queues.id });
  for (let i = 0; i < QUEUES; i += 50) {
    await db.insert(queueMembers).values(
      queueRows.slice(i, i + 50).flatMap((q, qi) =>
        Array.from({ length: MEMBERS }, (_, m) => ({
          queueId: q.id,
          extensionId: extIds[((i + qi) * MEMBERS + m) % EXTENSIONS]!,
          penalty: m % 3,
        })),
      ),
    );
  }
  const groupRows = await db
    .insert(extensionGroups)
    .values(
      Array.from({ length: GROUPS }, (_, i) => ({
        number: String(600000 + i),
        name: `Group ${i}`,
        strategy: i % 2 ? ("hunt" as const) : ("ringall" as const),
      })),
    )
    .returning({ id: extensionGroups.id });
  await db.insert(extensionGroupMembers).values(
    groupRows.flatMap((g, gi) =>
      Array.from({ length: 5 }, (_, m) => ({
        groupId: g.id,
        extensionId: extIds[(gi * 5 + m) % EXTENSIONS]!,
        position: m,
      })),
    ),
  );
  await seedInbound(db);
  await seedIvrsAndTrunks(db);
  const seedMs = performance.now() - seedStarted;
  console.error(`seeded in ${Math.round(seedMs)} ms`);

  const state = await loadConfigState(db, { timezone: "UTC" });
  const renderRuns: number[] = [];
  const loadRenderRuns: number[] = [];
  let files = renderConfig(state);
  for (let i = 0; i < 10; i++) {
    let t = performance.now();
    files = renderConfig(state);
    renderRuns.push(performance.now() - t);
    t = performance.now();
    renderConfig(await loadConfigState(db, { timezone: "UTC" }));
    loadRenderRuns.push(performance.now() - t);
  }
  const bytes = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);

  // The Apply button's own pipeline (requestApply) against a stand-in Asterisk whose work is timed
  // and subtracted: what remains is Switchboard's part of an apply.
  setDbHandle(handle);
  const asterisk = standInAsterisk(dir);
  const apply = async () => {
    const before = asterisk.ms;
    const steps: ApplyProgress[] = [];
    const t = performance.now();
    const result = await requestApply({
      actor: { id: null, email: "bench@example.test" },
      configDir: dir,
      connect: async () => asterisk.control,
      onProgress: (p) => steps.push({ ...p, at: performance.now() }),
    });
    if (result.status === "failed") throw new Error(`apply failed: ${result.error}`);
    const standIn = asterisk.ms - before;
    return { ms: performance.now() - t - standIn, standIn, result, steps: stepTimes(steps) };
  };
  await apply(); // the first apply writes every file
  const oneChange: Awaited<ReturnType<typeof apply>>[] = [];
  for (let i = 0; i < 5; i++) {
    // A new value each time, so every run renders (and stores) a file it has not seen before.
    await db
      .update(extensions)
      .set({ maxContacts: 2 + i })
      .where(eq(extensions.id, extIds[1234]!));
    oneChange.push(await apply());
  }
  const noChange: Awaited<ReturnType<typeof apply>>[] = [];
  for (let i = 0; i < 3; i++) noChange.push(await apply());

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const applyFigures = (runs: typeof oneChange) => {
    const mid = [...runs].sort((a, b) => a.ms - b.ms)[runs.length >> 1]!;
    return {
      medianMs: round(mid.ms),
      status: mid.result.status,
      filesWritten: mid.result.changedFiles,
      stepsMs: mid.steps,
      standInAsteriskMs: round(mid.standIn),
      runs: runs.map((r) => round(r.ms)),
    };
  };
  console.info(
    JSON.stringify(
      {
        database: handle.kind,
        objects: {
          extensions: EXTENSIONS,
          queues: QUEUES,
          queueMembers: QUEUES * MEMBERS,
          groups: GROUPS,
          dids: DIDS,
          ringTrees: RING_TREES,
          callerLists: LISTS,
          listEntries: LISTS * LIST_ENTRIES,
          ivrs: IVRS,
          timeConditions: TIME_CONDITIONS,
          trunks: TRUNKS,
          outboundRoutes: ROUTES,
        },
        seedMs: Math.round(seedMs),
        renderedBytes: bytes,
        render: {
          medianMs: round(median(renderRuns)),
          goalMs: 300,
          meetsGoal: median(renderRuns) <= 300,
          runs: renderRuns.map(round),
        },
        loadAndRender: { medianMs: round(median(loadRenderRuns)) },
        oneChange: applyFigures(oneChange),
        noChange: applyFigures(noChange),
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  clearInterval(sampler);
  setDbHandle(undefined);
  rmSync(dir, { recursive: true, force: true });
  await drop();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Asterisk as the apply sees it, loading whatever is in `dir` on each reload (as the integration
 * tests' fake does). `ms` is the time spent in here, which stands for Asterisk's own work.
 */
function standInAsterisk(dir: string) {
  let loaded = expectationsFrom(new Map());
  const self = { ms: 0, control: undefined as unknown as AsteriskControl };
  const timed =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      try {
        return await f(...args);
      } finally {
        self.ms += performance.now() - t;
      }
    };
  self.control = {
    reload: timed(async () => {
      loaded = expectationsFrom(await readLiveFiles(dir));
    }),
    endpoints: timed(async () => new Set(loaded.endpoints)),
    endpointFingerprint: timed(async (name: string) => loaded.fingerprints.get(name)),
    queues: timed(async () => new Set(loaded.queues)),
    contextExtensions: timed(async (context: string) => new Set(loaded.contexts.get(context) ?? [])),
    close: async () => {},
  };
  return self;
}

/** Each step's duration, from its first "start" to its last "done" (reload and verify include the stand-in). */
function stepTimes(steps: ApplyProgress[]): Record<string, number> {
  const first = new Map<string, number>();
  const out: Record<string, number> = {};
  for (const p of steps) {
    if (p.status === "start" && !first.has(p.step)) first.set(p.step, p.at);
    if (p.status === "done") out[p.step] = round(p.at - (first.get(p.step) ?? p.at));
  }
  return out;
}

async function freshDb() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const h = openDb({ dataDir: "memory://" });
    return { handle: h, drop: () => h.close() };
  }
  const name = `sbbench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const h = openDb({ url: url.toString() });
  return {
    handle: h,
    drop: async () => {
      await h.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
      await c.end();
    },
  };
}

/** 2,000 DIDs into queues and ring trees, 100 three-level ring trees, 20 lists of 200 entries. */
async function seedInbound(db: ReturnType<typeof openDb>["db"]) {
  const lists = await db
    .insert(callerLists)
    .values(
      Array.from({ length: LISTS }, (_, i) => ({
        name: `List ${i}`,
        kind: i % 5 ? ("block" as const) : ("allow" as const),
      })),
    )
    .returning({ id: callerLists.id });
  await db.insert(callerListEntries).values(
    lists.flatMap((l, li) =>
      Array.from({ length: LIST_ENTRIES }, (_, e) => ({
        listId: l.id,
        value: e % 10 === 0 ? `_09${li}${e}X.` : `+1555${String(li * LIST_ENTRIES + e).padStart(6, "0")}`,
        expiresAt: e % 3 === 0 ? new Date(Date.now() + 86_400_000) : null,
      })),
    ),
  );
  const trees = await db
    .insert(ringTrees)
    .values(Array.from({ length: RING_TREES }, (_, i) => ({ number: String(700000 + i), name: `Tree ${i}` })))
    .returning({ id: ringTrees.id });
  await db.insert(ringTreeNodes).values(
    trees.flatMap((t, i) => [
      {
        treeId: t.id,
        position: 0,
        nodeKey: "n1",
        parentKey: null,
        kind: "extension" as const,
        target: String(100000 + i),
        timeout: 15,
      },
      {
        treeId: t.id,
        position: 1,
        nodeKey: "n2",
        parentKey: "n1",
        kind: "group" as const,
        target: String(600000 + (i % GROUPS)),
        timeout: 20,
      },
      {
        treeId: t.id,
        position: 2,
        nodeKey: "n3",
        parentKey: "n2",
        kind: "queue" as const,
        target: String(500000 + (i % QUEUES)),
        timeout: 30,
      },
      {
        treeId: t.id,
        position: 3,
        nodeKey: "n4",
        parentKey: "n1",
        kind: "hangup" as const,
        target: null,
        timeout: 5,
      },
    ]),
  );
  for (let i = 0; i < DIDS; i += 500) {
    const rows = await db
      .insert(dids)
      .values(
        Array.from({ length: Math.min(500, DIDS - i) }, (_, j) => {
          const n = i + j;
          return {
            number: `+4420${String(7000000 + n)}`,
            description: `DID ${n}`,
            trunkName: `carrier-${n % 50}`,
            destinationType: n % 2 ? ("queue" as const) : ("ringtree" as const),
            destinationTarget: n % 2 ? String(500000 + (n % QUEUES)) : String(700000 + (n % RING_TREES)),
          };
        }),
      )
      .returning({ id: dids.id });
    await db.insert(didCallerRules).values(
      rows.flatMap((d, j) => [
        {
          didId: d.id,
          position: 0,
          pattern: "_07X.",
          destinationType: "extension" as const,
          destinationTarget: String(100000 + ((i + j) % EXTENSIONS)),
        },
        {
          didId: d.id,
          position: 1,
          pattern: `+1555${String(i + j).padStart(6, "0")}`,
          destinationType: "hangup" as const,
          destinationTarget: null,
        },
      ]),
    );
    await db
      .insert(callerListAssignments)
      .values(rows.map((d, j) => ({ didId: d.id, listId: lists[(i + j) % LISTS]!.id })));
  }
}

/** 200 IVRs of 10 steps (start, play, menu, 4 queues, a time condition, voicemail, hang up), 100 time conditions, 50 trunks. */
async function seedIvrsAndTrunks(db: ReturnType<typeof openDb>["db"]) {
  const [welcome, prompt] = await db
    .insert(sounds)
    .values([
      { name: "bench-welcome", sourceFormat: "wav", bytes: 16_000, durationMs: 1000 },
      { name: "bench-menu", sourceFormat: "wav", bytes: 32_000, durationMs: 2000 },
    ])
    .returning({ id: sounds.id });
  await db.insert(timeConditions).values(
    Array.from({ length: TIME_CONDITIONS }, (_, i) => ({
      number: String(720000 + i),
      name: `Hours ${i}`,
      schedule: [
        { days: [1, 2, 3, 4, 5], start: "08:00", end: "17:59" },
        { days: [6], start: "09:00", end: "12:59" },
      ],
      holidays: [{ name: "Winter break", start: "2026-12-24", end: "2027-01-02" }],
      matchedType: "queue" as const,
      matchedTarget: String(500000 + (i % QUEUES)),
      unmatchedType: "hangup" as const,
      unmatchedTarget: null,
    })),
  );
  const graph = (i: number) => {
    const queue = (k: number) => String(500000 + ((i * 4 + k) % QUEUES));
    return {
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "welcome", type: "play", position: { x: 200, y: 0 }, data: { soundId: welcome!.id } },
        {
          id: "menu",
          type: "menu",
          position: { x: 400, y: 0 },
          data: { promptSoundId: prompt!.id, keys: ["0", "1", "2", "3", "4", "#"], timeout: 5, retries: 2 },
        },
        ...[1, 2, 3, 4].map((k) => ({
          id: `q${k}`,
          type: "destination",
          position: { x: 600, y: k * 100 },
          data: { destination: { type: "queue", target: queue(k) } },
        })),
        {
          id: "hours",
          type: "timecondition",
          position: { x: 600, y: 500 },
          data: { number: String(720000 + (i % TIME_CONDITIONS)) },
        },
        { id: "vm", type: "voicemail", position: { x: 600, y: 600 }, data: { mailbox: "100000" } },
        { id: "bye", type: "hangup", position: { x: 600, y: 700 }, data: {} },
      ],
      edges: [
        { id: "e1", source: "start", sourceHandle: "next", target: "welcome" },
        { id: "e2", source: "welcome", sourceHandle: "next", target: "menu" },
        ...[1, 2, 3, 4].map((k) => ({
          id: `k${k}`,
          source: "menu",
          sourceHandle: `key-${k}`,
          target: `q${k}`,
        })),
        { id: "k0", source: "menu", sourceHandle: "key-0", target: "hours" },
        { id: "kh", source: "menu", sourceHandle: "key-hash", target: "vm" },
        { id: "t", source: "menu", sourceHandle: "timeout", target: "bye" },
        { id: "inv", source: "menu", sourceHandle: "invalid", target: "menu" },
        { id: "m", source: "hours", sourceHandle: "matched", target: "q1" },
        { id: "u", source: "hours", sourceHandle: "unmatched", target: "bye" },
      ],
    };
  };
  const ivrRows = await db
    .insert(ivrs)
    .values(
      Array.from({ length: IVRS }, (_, i) => ({
        number: String(730000 + i),
        name: `IVR ${i}`,
        graph: graph(i),
      })),
    )
    .returning({ id: ivrs.id, graph: ivrs.graph });
  await db.insert(ivrVersions).values(ivrRows.map((r) => ({ ivrId: r.id, version: 1, graph: r.graph })));

  const secret = encryptSecret("BenchCarrierPass1");
  const trunkRows = await db
    .insert(trunks)
    .values(
      Array.from({ length: TRUNKS }, (_, i) => ({
        name: `carrier${i}`,
        host: `sip${i}.carrier.example.com`,
        authMode: i % 2 ? ("ip" as const) : ("registration" as const),
        username: i % 2 ? null : `acct${i}`,
        secret: i % 2 ? null : secret,
        maxChannels: i % 5 === 0 ? 30 : 0,
      })),
    )
    .returning({ id: trunks.id });
  const routeRows = await db
    .insert(outboundRoutes)
    .values(
      Array.from({ length: ROUTES }, (_, i) => ({
        name: `Route ${i}`,
        position: i,
        patterns: [`_9${i % 10}NXXXXXX`, `_00${i % 10}X.`],
        strip: 1,
        prepend: "",
        classes: ["national" as const, "international" as const],
      })),
    )
    .returning({ id: outboundRoutes.id });
  await db
    .insert(outboundRouteTrunks)
    .values(
      routeRows.flatMap((r, i) =>
        [0, 1, 2].map((k) => ({ routeId: r.id, trunkId: trunkRows[(i * 2 + k) % TRUNKS]!.id, position: k })),
      ),
    );
}
