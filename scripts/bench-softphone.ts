import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * `npm run bench:softphone`: SIP.js in Debian's Chromium against the real Asterisk (needs the
 * Asterisk env, e.g. `source /opt/asterisk-test/env.sh`; without it, one skip line and exit 0).
 *
 * 1. A WebRTC extension is created in a throwaway database and applied to ASTERISK_CONFIG_DIR
 *    through the app's own pipeline (render, write, reload, verify); the include files that were
 *    there before are put back (and their modules reloaded) at the end.
 * 2. A page served from 127.0.0.1 loads SIP.js 0.21 (bundled with esbuild from the package the
 *    phone uses) and, per run: starts a user agent and registers (time to register: start() →
 *    REGISTER 200 OK); calls the echo test (BENCH_SOFTPHONE_TARGET, default 9998; call setup:
 *    the INVITE leaving the page → Established); closes the WebSocket under SIP.js, as a network
 *    drop does, and times reconnect + REGISTER 200 OK (re-register time); then unregisters.
 * One warm-up run, then BENCH_SOFTPHONE_RUNS (default 20) measured runs. Prints one JSON object.
 */
const REQUIRED = ["SIP_WS_URL", "AMI_HOST", "AMI_PORT", "AMI_USER", "AMI_SECRET", "ASTERISK_CONFIG_DIR"];
const missing = REQUIRED.filter((k) => !process.env[k]);
if (missing.length) {
  console.info(
    JSON.stringify({
      bench: "softphone",
      skipped: true,
      reason: `needs the Asterisk env (missing ${missing.join(", ")}); e.g. source /opt/asterisk-test/env.sh`,
    }),
  );
  process.exit(0);
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  console.error(
    `bench:softphone needs Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}

const RUNS = Number(process.env.BENCH_SOFTPHONE_RUNS ?? 20);
const TARGET = process.env.BENCH_SOFTPHONE_TARGET ?? "9998";
const EXTENSION = process.env.BENCH_SOFTPHONE_EXTENSION ?? "8790";
const GOALS = { callSetupMs: 300, reregisterMs: 5_000 };

// The throwaway database and its generated keys live in a temp dir, never in ./data.
const dataDir = mkdtempSync(path.join(tmpdir(), "sb-bench-softphone-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { openDb, setDbHandle } = await import("@/lib/db/client");
const { runMigrations } = await import("@/lib/db/migrate");
const { extensions } = await import("@/lib/db/schema/extensions");
const { encryptSecret } = await import("@/lib/settings/crypto");
const { generateSipSecret } = await import("@/lib/extensions/sip-secret");
const { requestApply } = await import("@/lib/asterisk/publish/apply");
const { connectAsteriskControl } = await import("@/lib/asterisk/publish/asterisk-control");
const { readLiveFiles, restoreFile } = await import("@/lib/asterisk/publish/files");
const { CONFIG_FILES, CONFIG_FILE_NAMES } = await import("@/lib/asterisk/compiler/render");
const { chromium } = await import("@playwright/test");
const esbuild = await import("esbuild");

const ami = {
  host: process.env.AMI_HOST!,
  port: Number(process.env.AMI_PORT),
  username: process.env.AMI_USER!,
  secret: process.env.AMI_SECRET!,
};
const configDir = process.env.ASTERISK_CONFIG_DIR!;
const wsUrl = process.env.SIP_WS_URL!;
const domain = new URL(wsUrl).hostname;

const handle = openDb({ dataDir: "memory://" });
setDbHandle(handle);
const before = await readLiveFiles(configDir);
const cleanups: (() => Promise<unknown> | unknown)[] = [
  () => handle.close(),
  () => rmSync(dataDir, { recursive: true, force: true }),
];
let exitCode = 0;
try {
  await runMigrations(handle);
  const secret = generateSipSecret();
  await handle.db.insert(extensions).values({
    number: EXTENSION,
    displayName: "Softphone bench",
    secret: encryptSecret(secret),
    webrtc: true,
    codecs: ["ulaw", "alaw"],
  });
  cleanups.unshift(() => restoreIncludes(before));
  const applied = await requestApply({
    actor: { id: null, email: "bench:softphone" },
    configDir,
    connect: () => connectAsteriskControl(ami),
  });
  if (applied.status === "failed") throw new Error(`applying the bench extension failed: ${applied.error}`);
  log(`extension ${EXTENSION} (webrtc) applied: ${applied.status}`);

  const bundle = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, "bench-softphone/harness.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === "/harness.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
    } else {
      res
        .writeHead(200, { "Content-Type": "text/html" })
        .end('<!doctype html><title>softphone bench</title><script src="/harness.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.unshift(() => new Promise((resolve) => server.close(resolve)));
  const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      // Loopback: offer 127.0.0.1 as a host candidate, in the clear (no mDNS name Asterisk can't resolve).
      "--allow-loopback-in-peer-connection",
      "--disable-features=WebRtcHideLocalIpsWithMdns",
    ],
  });
  cleanups.unshift(() => browser.close());
  const page = await browser.newPage();
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  await page.goto(pageUrl);
  await page.waitForFunction(() => "softphoneBench" in window);

  const account = { wsUrl, user: EXTENSION, password: secret, domain };
  type Run = {
    registerMs: number;
    connectMs: number;
    setupMs: number;
    inviteToEstablishedFromCallMs: number;
    mediaMs: number | null;
    qualityOk: boolean;
    reregisterMs: number;
    reconnects: number;
  };
  const runs: Run[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const run = await page.evaluate(
      async ({ account, target }) => {
        const bench = (window as unknown as { softphoneBench: SoftphoneBench }).softphoneBench;
        const reg = await bench.register(account);
        const call = await bench.call(target, account.domain);
        const drop = await bench.dropAndReregister();
        await bench.stop();
        return {
          registerMs: reg.registerMs,
          connectMs: reg.connectMs,
          setupMs: call.setupMs,
          inviteToEstablishedFromCallMs: call.totalMs,
          mediaMs: call.mediaMs,
          qualityOk: call.qualityOk,
          reregisterMs: drop.reregisterMs,
          reconnects: drop.reconnects,
        };
      },
      { account, target: TARGET },
    );
    if (i > 0) runs.push(run);
    log(
      `${i === 0 ? "warm-up" : `run ${i}/${RUNS}`}: register ${run.registerMs.toFixed(1)} ms, setup ${run.setupMs.toFixed(1)} ms, media ${run.mediaMs === null ? "not connected" : `+${run.mediaMs.toFixed(1)} ms`}, re-register ${run.reregisterMs.toFixed(1)} ms`,
    );
  }

  const stats = (key: Exclude<keyof Run, "mediaMs" | "qualityOk">) => summary(runs.map((r) => r[key]));
  const callSetup = stats("setupMs");
  const reregister = stats("reregisterMs");
  console.info(
    JSON.stringify(
      {
        bench: "softphone",
        runs: runs.length,
        sipjs: "0.21.2",
        asterisk: { wsUrl, target: TARGET, extension: EXTENSION },
        registerMs: stats("registerMs"),
        wsConnectMs: stats("connectMs"),
        callSetupMs: callSetup,
        callSetupFromInviteCallMs: stats("inviteToEstablishedFromCallMs"),
        mediaConnected: `${runs.filter((r) => r.mediaMs !== null).length}/${runs.length}`,
        qualitySampleAccepted: `${runs.filter((r) => r.qualityOk).length}/${runs.length}`,
        mediaConnectedAfterEstablishedMs: summary(
          runs.flatMap((r) => (r.mediaMs === null ? [] : [r.mediaMs])),
        ),
        reregisterMs: reregister,
        reconnectAttempts: stats("reconnects"),
        method: {
          register: "UserAgent.start() (WebSocket connect) → REGISTER 200 OK, digest auth included",
          callSetup: `INVITE leaving the page → Established (200 OK, ACK sent), calling ${TARGET}`,
          callSetupFromInviteCall: "Inviter.invite() (getUserMedia, offer, ICE gathering) → Established",
          qualitySampleAccepted:
            "the phone's sampler (src/lib/softphone/quality-sampler.ts) on the call's getStats() gives a sample POST /api/softphone/stats accepts, with jitter",
          mediaConnectedAfterEstablished:
            "Established → RTCPeerConnection connected (ICE + DTLS), or not within 5 s",
          reregister:
            "the page closes SIP.js's WebSocket (as a network drop would) → reconnect at once, then every 250 ms → REGISTER 200 OK",
        },
        goals: GOALS,
        met: {
          callSetup: callSetup !== null && callSetup.median <= GOALS.callSetupMs,
          reregister: reregister !== null && reregister.median <= GOALS.reregisterMs,
        },
      },
      null,
      2,
    ),
  );
} catch (error) {
  console.error("bench:softphone failed:", error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  for (const c of cleanups)
    await Promise.resolve(c()).catch((e) => log(`cleanup: ${e instanceof Error ? e.message : e}`));
}
process.exit(exitCode);

type SoftphoneBench = {
  register(a: {
    wsUrl: string;
    user: string;
    password: string;
    domain: string;
  }): Promise<{ registerMs: number; connectMs: number }>;
  call(
    target: string,
    domain: string,
  ): Promise<{ setupMs: number; totalMs: number; mediaMs: number | null; qualityOk: boolean }>;
  dropAndReregister(): Promise<{ reregisterMs: number; reconnects: number }>;
  stop(): Promise<void>;
};

/** Puts back the include files as they were before the bench, reloading only what changed. */
async function restoreIncludes(previous: Map<keyof typeof CONFIG_FILES, string | null>) {
  const now = await readLiveFiles(configDir);
  const control = await connectAsteriskControl(ami);
  try {
    for (const name of CONFIG_FILE_NAMES) {
      const old = previous.get(name) ?? null;
      if ((now.get(name) ?? null) === old) continue;
      await restoreFile(configDir, name, old);
      await control.reload(CONFIG_FILES[name]);
    }
    log("include files restored");
  } finally {
    await control.close();
  }
}

/** Median, p95 (nearest rank), min and max; null for no values. */
function summary(values: number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), p95: round(at(0.95)), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

function log(message: string) {
  console.error(`[bench:softphone] ${message}`);
}
