import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * `npm run test:e2e`: prepares two fresh databases, a browser, and demo users, then runs
 * Playwright against `next start` (built by `npm run build`).
 *
 * - Server A (the main one) gets one seeded user per role, with passwords generated for this run.
 * - Server B starts empty, for first-run setup, and has a short SESSION_MAX_AGE_SECONDS for the
 *   expiry test.
 * With DATABASE_URL both are fresh PostgreSQL databases (dropped afterwards); without it,
 * PGlite in temporary directories.
 * - With REDIS_URL the servers don't run the AMI listener themselves, so server A gets its own
 *   `npm run listener` process here, as in production; without it they run it in-process.
 */
const CHROMIUM = "/usr/bin/chromium";

ensureChromium();

const base = process.env.DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
// The real-Asterisk browser suite reads the real spool; the default one gets seeded recordings and voicemail.
const realAsterisk = process.argv.some((a) => a.includes("playwright.asterisk.config"));
if (!realAsterisk) ensureKamailio();
const dbA = {
  ...(await freshDatabase("a")),
  ...(realAsterisk ? {} : { ASTERISK_SPOOL_DIR: recordingsSpool() }),
};
const dbB = await freshDatabase("b");

const passwords = Object.fromEntries(
  ["ADMIN", "SUPERVISOR", "AGENT", "QA"].map((r) => [
    `SEED_${r}_PASSWORD`,
    `e2e-${r.toLowerCase()}-${randomBytes(9).toString("base64url")}`,
  ]),
);

let status = 1;
try {
  const seed = spawnSync("npx", ["tsx", "scripts/seed.ts", "--demo"], {
    stdio: "inherit",
    env: { ...process.env, ...dbA, ...passwords },
  });
  if (seed.status !== 0) throw new Error("seeding the e2e database failed");
  if (!realAsterisk) {
    const recordings = spawnSync("npx", ["tsx", "tests/e2e/seed-recordings.ts"], {
      stdio: "inherit",
      env: { ...process.env, ...dbA },
    });
    if (recordings.status !== 0) throw new Error("seeding the e2e recordings failed");
  }
  rmSync("test-results/simulator-actions.jsonl", { force: true });
  if (process.env.REDIS_URL) startListener(dbA);
  const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...passwords,
      E2E_DB_A: JSON.stringify(dbA),
      E2E_DB_B: JSON.stringify(dbB),
      ...(existsSync(CHROMIUM) ? { CHROMIUM_PATH: CHROMIUM } : {}),
    },
  });
  status = run.status ?? 1;
  printSummary();
} catch (error) {
  console.error((error as Error).message);
} finally {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
}
process.exit(status);

/** One plain closing line from Playwright's JSON report, e.g. "27 passed, 0 failed, 0 skipped". */
function printSummary() {
  try {
    const report = JSON.parse(readFileSync("test-results/e2e-report.json", "utf8")) as {
      stats: { expected: number; unexpected: number; skipped: number; flaky: number };
    };
    const { expected, unexpected, skipped, flaky } = report.stats;
    console.info(`${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
  } catch {
    // No report (Playwright did not start): the exit status already says so.
  }
}

/** Server A's listener process (Redis mode); stopped with SIGTERM when the run ends. */
function startListener(db: Record<string, string>) {
  const child: ChildProcess = spawn(
    "node_modules/.bin/tsx",
    ["--conditions=react-server", "scripts/ami-listener.ts"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...db, LOG_LEVEL: "warn" },
    },
  );
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  );
}

/** Returns env for one server: DATABASE_URL (fresh PostgreSQL database) or DATA_DIR (fresh PGlite). */
async function freshDatabase(tag: string): Promise<Record<string, string>> {
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), `switchboard-e2e-${tag}-`));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { DATA_DIR: dir, DATABASE_URL: "" };
  }
  const name = `sbe2e_${tag}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5000 });
  await admin.connect().catch((e: Error) => {
    throw new Error(`DATABASE_URL is set but PostgreSQL is unreachable: ${e.message}`);
  });
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
    await c.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  // Secrets files live beside PGlite data; give each PostgreSQL-backed server its own dir too.
  const dir = mkdtempSync(path.join(tmpdir(), `switchboard-e2e-${tag}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { DATABASE_URL: url.toString(), DATA_DIR: dir };
}

/** A temporary Asterisk spool for server A: tests/e2e/seed-recordings.ts puts WAVs in its monitor/ and voicemail/. */
function recordingsSpool(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-e2e-spool-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The default suite's SIP peer (tests/sip-peer): Debian's kamailio with its WebSocket module.
 * Installed with apt when missing and running as root; otherwise tests/sip-peer/run.sh fails the
 * run with the install command, because the phone tests must not skip quietly.
 */
function ensureKamailio() {
  const ws = "/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so";
  if (existsSync("/usr/sbin/kamailio") && existsSync(ws)) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.info("kamailio is missing: installing Debian's kamailio and kamailio-websocket-modules");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "kamailio", "kamailio-websocket-modules"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  console.warn(
    "kamailio not found and cannot install it here: the softphone tests' SIP peer will fail to start.",
  );
}

/** Debian's chromium is the browser; Playwright never downloads one. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.info("chromium is missing: installing Debian's chromium package");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    return;
  }
  console.warn(
    `${CHROMIUM} not found and cannot install it here; falling back to Playwright's own browser, if installed.`,
  );
}
