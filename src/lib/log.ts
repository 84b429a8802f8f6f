import pino from "pino";
import { env } from "@/env";

/** Structured log lines; secrets are redacted by key name wherever they appear. */
export const log = pino({
  level: env.NODE_ENV === "test" ? "silent" : env.LOG_LEVEL,
  redact: { paths: ["*.password", "*.secret", "*.passwordHash", "*.token"], censor: "[redacted]" },
  base: { app: "switchboard" },
});
