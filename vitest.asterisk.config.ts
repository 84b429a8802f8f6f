import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/** `npm run test:asterisk`: only the suite against a real Asterisk (see tests/asterisk/env.ts). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    env: {}, // this suite needs the real connection from the environment
    include: ["tests/asterisk/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
