import { defineConfig } from "@playwright/test";

const dbA = JSON.parse(process.env.E2E_DB_A ?? "{}") as Record<string, string>;
const dbB = JSON.parse(process.env.E2E_DB_B ?? "{}") as Record<string, string>;
export const PORT_A = 3100;
export const PORT_B = 3101;
/** Server B's absolute session lifetime, short enough to test expiry. */
export const SHORT_SESSION_SECONDS = 6;
/** The AMI simulator the live-panel tests point server A's Settings at; it logs every action it gets. */
export const SIMULATOR = {
  port: 5048,
  user: "switchboard",
  secret: "e2e-simulator-secret",
  actionLog: "test-results/simulator-actions.jsonl",
};
/**
 * The softphone tests' SIP peer: Kamailio as a WebSocket registrar and proxy (tests/sip-peer).
 * The tests put a TCP relay on `relayPort` in front of it, so they can cut every WebSocket.
 */
export const SIP_PEER = { port: 5196, relayPort: 5197 };

const server = (port: number, env: Record<string, string>) => ({
  command: `npx next start -p ${port}`,
  url: `http://127.0.0.1:${port}/api/health`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: {
    ...(process.env as Record<string, string>),
    ...env,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // Tests give each browser context its own X-Forwarded-For, so throttling stays per test.
    TRUST_PROXY: "true",
    LOG_LEVEL: "warn",
  },
});

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report lets scripts/run-e2e.ts close with a plain "N passed, N failed" line.
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results/e2e-report.json" }],
    ...(process.env.CI ? [["html", { open: "never" }] as const] : []),
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT_A}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      // Fake media: getUserMedia gets a generated beep without a permission prompt (phone check, softphone).
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        // The softphone: a granted microphone that plays a test tone, and remote audio without a click.
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      // The demo world: phones 1000–1011 and queues 5000/5001, as `npm run db:seed -- --demo` creates them.
      command: `npx tsx scripts/ami-simulator.ts --demo --port ${SIMULATOR.port} --user ${SIMULATOR.user} --secret ${SIMULATOR.secret} --extensions 12 --queues 2 --first-extension 1000 --seed 7 --action-log ${SIMULATOR.actionLog}`,
      port: SIMULATOR.port,
      timeout: 60_000,
      reuseExistingServer: false,
      // Its per-session and stats lines are noise here; the action log is what tests read.
      stdout: "ignore" as const,
      stderr: "ignore" as const,
    },
    {
      // A missing kamailio fails the run here: the phone tests never skip quietly.
      command: `bash tests/sip-peer/run.sh ${SIP_PEER.port}`,
      port: SIP_PEER.port,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    },
    server(PORT_A, dbA),
    server(PORT_B, { ...dbB, SESSION_MAX_AGE_SECONDS: String(SHORT_SESSION_SECONDS) }),
  ],
});
