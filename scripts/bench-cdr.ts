import { loadavg } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openDb, setDbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { type CallScope, countCalls, getCallByLinkedid, listCalls } from "@/lib/db/queries/calls";
import { encodeCursor } from "@/lib/db/queries/pagination";
import { type CallFiltersInput, callFiltersSchema } from "@/lib/validations/calls";
import { BENCH_QUEUES, CDR_COPY_COLUMNS, generateChunks, QUEUE_COPY_COLUMNS } from "./bench-cdr-data";

/**
 * `npm run bench:cdr`: a fresh PostgreSQL database, BENCH_CDR_ROWS (default 10,000,000) CDR
 * rows loaded with COPY, ANALYZE, then 20 realistic call-history searches through the page's
 * own query functions (first page, a deep keyset page ~40 pages in, and the totals), and
 * find-by-linkedid lookups. Prints one JSON object with p50/p95 per kind, the goals, and the
 * EXPLAIN (ANALYZE, BUFFERS) of the slowest search. The database is dropped afterwards unless
 * BENCH_CDR_KEEP=1.
 *
 * Bulk-load practice: the insert triggers are disabled and the secondary indexes are dropped for
 * the COPY and rebuilt after it (the generator derives direction and call_head itself, and
 * call_parties_rebuild() derives call_parties in one pass, as the migration did).
 */
const ROWS = Number(process.env.BENCH_CDR_ROWS ?? 10_000_000);
const REPEATS = 5;
const DEEP_OFFSET = 1000;

const base = process.env.DATABASE_URL;
if (!base || !/^postgres(ql)?:\/\//.test(base)) {
  console.error(
    "bench:cdr needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/postgres (PGlite is not a benchmark target).",
  );
  process.exit(2);
}
if (!Number.isSafeInteger(ROWS) || ROWS < 1000) {
  console.error("BENCH_CDR_ROWS must be a whole number ≥ 1000.");
  process.exit(2);
}

// BENCH_CDR_REUSE=<database> measures again on a database an earlier BENCH_CDR_KEEP=1 run kept.
const reuse = process.env.BENCH_CDR_REUSE;
const name = reuse ?? `sb_bench_cdr_${Date.now().toString(36)}`;
if (!reuse) {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
}
const url = new URL(base);
url.pathname = `/${name}`;
const handle = openDb({ url: url.toString() });
setDbHandle(handle);
const pool = handle.pool as pg.Pool;
const log = (msg: string) => process.stderr.write(`[bench:cdr] ${msg}\n`);

const recorded: { text: string; values: unknown[] }[] = [];
const realQuery = pool.query.bind(pool) as (...args: unknown[]) => unknown;
// Remember the SQL the query layer sends, to EXPLAIN the slowest search afterwards.
(pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
  const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (typeof q === "string") recorded.push({ text: q, values: v ?? [] });
  else if (q && typeof q === "object" && "text" in q)
    recorded.push({ text: q.text, values: q.values ?? v ?? [] });
  if (recorded.length > 50) recorded.shift();
  return realQuery(...args);
};

try {
  await runMigrations(handle);
  const loadStarted = performance.now();
  const now = reuse ? await loadedAt() : new Date();
  const linkedids = reuse ? await sampleLinkedids() : await load(now);
  const loadMs = reuse ? 0 : performance.now() - loadStarted;
  log(`loaded ${ROWS} rows in ${(loadMs / 1000).toFixed(1)} s; searching`);
  // Wall times include waiting for a core: the machine's load average says how much of that there was.
  const loadBefore = loadavg().map(round);

  const scopeAll: CallScope = { kind: "all" };
  const searches: { name: string; input: CallFiltersInput; scope?: CallScope }[] = [
    { name: "today", input: { preset: "today" } },
    { name: "yesterday", input: { preset: "yesterday" } },
    { name: "last 7 days", input: { preset: "last7" } },
    { name: "this month", input: { preset: "month" } },
    { name: "all time", input: {} },
    { name: "last 7 days inbound", input: { preset: "last7", direction: "inbound" } },
    { name: "last 7 days no answer", input: { preset: "last7", disposition: "NO ANSWER" } },
    { name: "month number contains 555", input: { preset: "month", q: "555" } },
    { name: "month full number", input: { preset: "month", q: "+12345" } },
    { name: "last 7 days extension 1042", input: { preset: "last7", ext: "1042" } },
    { name: "all time extension 1100", input: { ext: "1100" } },
    { name: "last 7 days queue", input: { preset: "last7", queue: BENCH_QUEUES[3]?.name } },
    {
      name: "month queue answered",
      input: { preset: "month", queue: BENCH_QUEUES[7]?.name, disposition: "ANSWERED" },
    },
    { name: "last 7 days agent", input: { preset: "last7", agent: "PJSIP/1023" } },
    { name: "today agent", input: { preset: "today", agent: "PJSIP/1200" } },
    {
      name: "month outbound over 60 s",
      input: { preset: "month", direction: "outbound", minDuration: "60" },
    },
    { name: "last 7 days by duration", input: { preset: "last7", sort: "duration", dir: "desc" } },
    { name: "month by billsec asc", input: { preset: "month", sort: "billsec", dir: "asc" } },
    { name: "3 days two months ago", input: rangeDaysAgo(now, 62, 3) },
    {
      name: "agent's own calls, month",
      input: { preset: "month" },
      scope: { kind: "own", extension: "1077" },
    },
  ];

  const bySearch: Record<string, { first: number | null; deep: number | null; totals: number | null }> = {};
  const times: Record<"first" | "deep" | "totals" | "linkedid", number[]> = {
    first: [],
    deep: [],
    totals: [],
    linkedid: [],
  };
  let slowest = { ms: 0, search: "", page: "", sql: null as null | { text: string; values: unknown[] } };
  for (const s of searches) {
    const filters = callFiltersSchema.parse(s.input);
    const scope = s.scope ?? scopeAll;
    const deepCursor = await cursorAt(filters, scope, now);
    const mine = { first: [] as number[], deep: [] as number[], totals: [] as number[] };
    for (const [page, cursor] of [
      ["first", undefined],
      ["deep", deepCursor],
    ] as const) {
      if (page === "deep" && !cursor) continue;
      await listCalls({ filters: { ...filters, cursor }, scope, now }); // warm-up, not measured
      for (let i = 0; i < REPEATS; i++) {
        recorded.length = 0;
        const t0 = performance.now();
        await listCalls({ filters: { ...filters, cursor }, scope, now });
        const ms = performance.now() - t0;
        times[page].push(ms);
        mine[page].push(ms);
        if (ms > slowest.ms) slowest = { ms, search: s.name, page, sql: recorded[0] ?? null };
      }
    }
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      await countCalls({ filters, scope, now });
      times.totals.push(performance.now() - t0);
      mine.totals.push(performance.now() - t0);
    }
    bySearch[s.name] = {
      first: stats(mine.first).p95,
      deep: stats(mine.deep).p95,
      totals: stats(mine.totals).p95,
    };
  }
  for (const linkedid of linkedids.slice(200, 220)) await getCallByLinkedid({ linkedid, scope: scopeAll });
  for (const linkedid of linkedids.slice(0, 200)) {
    const t0 = performance.now();
    await getCallByLinkedid({ linkedid, scope: scopeAll });
    times.linkedid.push(performance.now() - t0);
  }
  const plan = slowest.sql
    ? (await realQueryRows(`explain (analyze, buffers) ${slowest.sql.text}`, slowest.sql.values)).map(
        (r) => r["QUERY PLAN"],
      )
    : [];
  const search = [...times.first, ...times.deep];
  const result = {
    rows: ROWS,
    calls: await scalar("select count(*)::int as v from cdr where call_head"),
    queueEvents: await scalar("select count(*)::int as v from queue_events"),
    loadSeconds: round(loadMs / 1000),
    loadAverage: { searchStart: loadBefore, searchEnd: loadavg().map(round) },
    searches: searches.length,
    search: stats(search),
    searchFirstPage: stats(times.first),
    searchDeepPage: stats(times.deep),
    totals: stats(times.totals),
    linkedid: stats(times.linkedid),
    goals: {
      searchP95Ms: 50,
      searchMet: (stats(search).p95 ?? 0) <= 50,
      linkedidP95Ms: 5,
      linkedidMet: (stats(times.linkedid).p95 ?? 0) <= 5,
    },
    p95BySearch: bySearch,
    slowest: { search: slowest.search, page: slowest.page, ms: round(slowest.ms), plan },
  };
  console.info(JSON.stringify(result, null, 2));
} finally {
  await handle.close();
  if (process.env.BENCH_CDR_KEEP !== "1" && !reuse) {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
    await c.end();
  } else log(`kept database ${name}`);
}

async function load(now: Date): Promise<string[]> {
  const client = await pool.connect();
  const linkedids: string[] = [];
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      "select indexname, indexdef from pg_indexes where tablename in ('cdr', 'queue_events') and indexname not like '%_pkey'",
    );
    await client.query("alter table cdr disable trigger user");
    await client.query("alter table queue_events disable trigger user");
    for (const ix of indexes) await client.query(`drop index ${client.escapeIdentifier(ix.indexname)}`);
    const chunks = generateChunks({ total: ROWS, now });
    let done = 0;
    let nextLog = 1_000_000;
    const queueText: string[] = [];
    const cdrStream = client.query(
      copyFrom(`copy cdr (${CDR_COPY_COLUMNS.map((c) => `"${c}"`).join(", ")}) from stdin`),
    );
    await pipeline(
      Readable.from(
        (function* () {
          for (const chunk of chunks) {
            linkedids.push(...chunk.linkedids);
            if (chunk.queue) queueText.push(chunk.queue);
            done += chunk.rows;
            if (done >= nextLog) {
              log(`copied ${done} rows`);
              nextLog += 1_000_000;
            }
            yield chunk.cdr;
          }
        })(),
      ),
      cdrStream,
    );
    const queueStream = client.query(
      copyFrom(`copy queue_events (${QUEUE_COPY_COLUMNS.join(", ")}) from stdin`),
    );
    await pipeline(Readable.from(queueText), queueStream);
    queueText.length = 0;
    await client.query("select setval(pg_get_serial_sequence('cdr', 'id'), (select max(id) from cdr))");
    log("rebuilding indexes");
    await client.query("set maintenance_work_mem = '512MB'");
    for (const ix of indexes) await client.query(ix.indexdef);
    log("deriving call_parties");
    await client.query("select call_parties_rebuild()");
    await client.query("alter table cdr enable trigger user");
    await client.query("alter table queue_events enable trigger user");
    // VACUUM, not just ANALYZE: the visibility map lets the call_parties walks stay index-only.
    await client.query("vacuum analyze cdr");
    await client.query("vacuum analyze queue_events");
    await client.query("vacuum analyze call_parties");
  } finally {
    client.release();
  }
  return linkedids;
}

/** A reused database's "now": just after its newest call, so the presets find the same rows. */
async function loadedAt(): Promise<Date> {
  const rows = await realQueryRows("select max(calldate) as v from cdr", []);
  return new Date(new Date(rows[0]?.v ?? Date.now()).getTime() + 1000);
}

async function sampleLinkedids(): Promise<string[]> {
  const rows = await realQueryRows(
    "select linkedid as v from cdr where call_head and id % 997 = 0 limit 400",
    [],
  );
  return rows.map((r) => r.v as string);
}

/** The cursor of the row DEEP_OFFSET calls in (set-up only: never measured, never used by the app). */
async function cursorAt(filters: ReturnType<typeof callFiltersSchema.parse>, scope: CallScope, now: Date) {
  let cursor: string | undefined;
  let seen = 0;
  while (seen < DEEP_OFFSET) {
    const page = await listCalls({ filters: { ...filters, cursor }, scope, now, limit: 250 });
    seen += page.rows.length;
    if (!page.nextCursor) return undefined;
    cursor = page.nextCursor;
  }
  return cursor ?? encodeCursor(null);
}

async function realQueryRows(text: string, values: unknown[]): Promise<Record<string, string>[]> {
  const res = (await realQuery(text, values)) as { rows: Record<string, string>[] };
  return res.rows;
}

async function scalar(text: string): Promise<number> {
  const rows = await realQueryRows(text, []);
  return Number(rows[0]?.v ?? 0);
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0) : null;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

function round(n: number) {
  return Math.round(n * 100) / 100;
}

function rangeDaysAgo(now: Date, daysAgo: number, days: number): CallFiltersInput {
  const day = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString().slice(0, 10);
  return { from: day(daysAgo), to: day(daysAgo - days + 1) };
}
