import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * Browser tests against a real Asterisk, run by `npm run test:asterisk` through
 * scripts/run-e2e.ts (fresh database, seeded users, Debian chromium). The server inherits the
 * AMI/ARI/config-dir environment, so Apply really writes, reloads and verifies.
 */
const db = JSON.parse(process.env.E2E_DB_A ?? "{}") as Record<string, string>;
const PORT = 3300;

export default defineConfig({
  ...base,
  testDir: "tests/asterisk-e2e",
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      ...(process.env as Record<string, string>),
      ...db,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      TRUST_PROXY: "true",
      LOG_LEVEL: "warn",
    },
  },
});
