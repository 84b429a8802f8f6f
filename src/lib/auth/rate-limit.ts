import { getBus } from "@/lib/bus/get-bus";
import { RedisBus } from "@/lib/bus/redis";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Store {
  take(key: string, intervalMs: number): Promise<RateLimitResult>;
}

/**
 * One request per `intervalMs` per key (a user's id and the route, say): the first call in a
 * window is allowed, the rest are refused with how long to wait. Redis when the bus is Redis,
 * so every app process shares the windows; memory otherwise.
 */
export async function takeRateLimit(key: string, intervalMs: number): Promise<RateLimitResult> {
  return getStore().take(key, intervalMs);
}

/** Windows the memory store holds before it sweeps expired ones, so it stays bounded. */
const MEMORY_SWEEP_AT = 10_000;

export class MemoryRateLimitStore implements Store {
  private until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, intervalMs: number): Promise<RateLimitResult> {
    const now = this.now();
    const until = this.until.get(key);
    if (until !== undefined && until > now) return { allowed: false, retryAfterMs: until - now };
    if (this.until.size >= MEMORY_SWEEP_AT) this.sweep(now);
    this.until.set(key, now + intervalMs);
    return { allowed: true };
  }

  private sweep(now: number) {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}

class RedisStore implements Store {
  constructor(private bus: RedisBus) {}

  async take(key: string, intervalMs: number): Promise<RateLimitResult> {
    const k = `switchboard:rate:${key}`;
    // NX: only the first request of a window sets the key; its PX is the window.
    const set = await this.bus.client.set(k, "1", "PX", intervalMs, "NX");
    if (set === "OK") return { allowed: true };
    const ttl = await this.bus.client.pttl(k);
    return { allowed: false, retryAfterMs: Math.max(ttl, 1) };
  }
}

const g = globalThis as unknown as { __switchboardRateLimit?: Store };

function getStore(): Store {
  if (!g.__switchboardRateLimit) {
    const bus = getBus();
    g.__switchboardRateLimit = bus instanceof RedisBus ? new RedisStore(bus) : new MemoryRateLimitStore();
  }
  return g.__switchboardRateLimit;
}
