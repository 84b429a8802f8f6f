import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // `server-only` throws outside React's server build; in tests every module is server-side.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The default suite tests the Settings page's own values: a developer's exported Asterisk
    // connection (e.g. from the real-Asterisk setup) would override them. Empty means unset.
    env: Object.fromEntries(
      [
        "AMI_HOST",
        "AMI_PORT",
        "AMI_USER",
        "AMI_SECRET",
        "ARI_URL",
        "ARI_USER",
        "ARI_PASSWORD",
        "SIP_WS_URL",
        "PANEL_AGENTS_SEE_PEERS",
      ].map((k) => [k, ""]),
    ),
  },
});
