import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { missingEnv } from "../tests/asterisk/env";

/**
 * `npm run test:asterisk`: the integration suite against a real Asterisk, then its browser half.
 * It reads the whole connection from the environment (README: "Tests against a real Asterisk")
 * and skips, saying so, when any of it is missing.
 */
const missing = missingEnv();
if (missing.length) {
  console.info(`SKIP real-Asterisk suite: set ${missing.join(", ")} to run it (see README).`);
  process.exit(0);
}
const vitest = spawnSync("npx", ["vitest", "run", "--config", "vitest.asterisk.config.ts"], {
  stdio: "inherit",
});
if (vitest.status !== 0) process.exit(vitest.status ?? 1);

// The browser half runs against `next start`, which needs a production build.
if (!existsSync(".next/BUILD_ID")) {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const e2e = spawnSync("npx", ["tsx", "scripts/run-e2e.ts", "--config", "playwright.asterisk.config.ts"], {
  stdio: "inherit",
});
process.exit(e2e.status ?? 1);
