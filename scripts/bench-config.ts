import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { CONFIG_FILE_NAMES, renderConfig } from "@/lib/asterisk/compiler/render";
import { readLiveFiles, writeAtomic } from "@/lib/asterisk/publish/files";
import { openDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { encryptSecret } from "@/lib/settings/crypto";

/**
 * `npm run bench:config`: seeds a fresh database with 10,000 extensions, 500 queues of 20
 * members and 200 ring groups, then prints one JSON object:
 * - render: the pure render, median of 10 runs (goal ≤ 300 ms), and load+render;
 * - oneChange: the apply work after changing one extension (load, render, diff against the
 *   files on disk, write only what changed), Asterisk's reload excluded;
 * - noChange: the same with nothing changed, which must write nothing;
 * - peak RSS.
 * Uses a fresh PostgreSQL database when DATABASE_URL is set (dropped afterwards), else PGlite in memory.
 */
const EXTENSIONS = Number(process.env.BENCH_EXTENSIONS ?? 10_000);
const QUEUES = 500;
const MEMBERS = 20;
const GROUPS = 200;

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
  for (const [name, content] of files) await writeAtomic(dir, name, content);
  const bytes = [...files.values()].reduce((n, c) => n + Buffer.byteLength(c), 0);

  const applyWork = async () => {
    const t = performance.now();
    const next = renderConfig(await loadConfigState(db, { timezone: "UTC" }));
    const live = await readLiveFiles(dir);
    const changed = CONFIG_FILE_NAMES.filter((f) => live.get(f) !== next.get(f));
    for (const f of changed) await writeAtomic(dir, f, next.get(f)!);
    return { ms: performance.now() - t, written: changed };
  };
  const oneChangeRuns: number[] = [];
  let written: string[] = [];
  for (let i = 0; i < 5; i++) {
    await db
      .update(extensions)
      .set({ maxContacts: 2 + (i % 2) })
      .where(eq(extensions.id, extIds[1234]!));
    const r = await applyWork();
    oneChangeRuns.push(r.ms);
    written = r.written;
  }
  const noChange = await applyWork();

  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  console.info(
    JSON.stringify(
      {
        database: handle.kind,
        objects: { extensions: EXTENSIONS, queues: QUEUES, queueMembers: QUEUES * MEMBERS, groups: GROUPS },
        seedMs: Math.round(seedMs),
        renderedBytes: bytes,
        render: {
          medianMs: round(median(renderRuns)),
          goalMs: 300,
          meetsGoal: median(renderRuns) <= 300,
          runs: renderRuns.map(round),
        },
        loadAndRender: { medianMs: round(median(loadRenderRuns)) },
        oneChange: { medianMs: round(median(oneChangeRuns)), filesWritten: written },
        noChange: { ms: round(noChange.ms), filesWritten: noChange.written },
        peakRssMb: Math.round(peakRss / 1024 / 1024),
      },
      null,
      2,
    ),
  );
} finally {
  clearInterval(sampler);
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
