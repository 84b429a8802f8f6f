import { env } from "@/env";
import { MemoryBus } from "./memory";
import { RedisBus } from "./redis";
import type { Bus } from "./types";

const g = globalThis as unknown as { __switchboardBus?: Bus };

/** The process-wide bus: Redis when REDIS_URL is set, in-memory otherwise. */
export function getBus(): Bus {
  g.__switchboardBus ??= env.REDIS_URL ? new RedisBus(env.REDIS_URL) : new MemoryBus();
  return g.__switchboardBus;
}
