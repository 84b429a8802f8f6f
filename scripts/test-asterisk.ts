import { spawnSync } from "node:child_process";
import { missingEnv } from "../tests/asterisk/env";

/**
 * `npm run test:asterisk`: the integration suite against a real Asterisk. It reads the whole
 * connection from the environment (README: "Tests against a real Asterisk") and skips, saying
 * so, when any of it is missing.
 */
const missing = missingEnv();
if (missing.length) {
  console.info(`SKIP real-Asterisk suite: set ${missing.join(", ")} to run it (see README).`);
  process.exit(0);
}
const result = spawnSync(
  "npx",
  ["vitest", "run", "--config", "vitest.asterisk.config.ts", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
