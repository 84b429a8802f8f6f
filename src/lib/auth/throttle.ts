import { getBus } from "@/lib/bus/get-bus";
import { RedisBus } from "@/lib/bus/redis";

/** Failures allowed per key inside one window before further attempts are refused. */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 60;

export type ThrottleState = { limited: boolean; retryAfter: number };

interface Store {
  count(key: string): Promise<{ count: number; ttl: number }>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/**
 * Login throttling, per account and per IP: after MAX_FAILURES failures within WINDOW_SECONDS
 * the next attempt is refused until the window ends. Redis when the bus is Redis (shared by
 * every app process), memory otherwise.
 */
export async function checkThrottle(keys: string[]): Promise<ThrottleState> {
  const store = getStore();
  let retryAfter = 0;
  for (const key of keys) {
    const { count, ttl } = await store.count(key);
    if (count >= MAX_FAILURES) retryAfter = Math.max(retryAfter, ttl);
  }
  return { limited: retryAfter > 0, retryAfter };
}

export async function recordFailure(keys: string[]): Promise<void> {
  const store = getStore();
  await Promise.all(keys.map((k) => store.fail(k)));
}

export async function clearFailures(key: string): Promise<void> {
  await getStore().reset(key);
}

export function throttleKeys(email: string, ip: string): string[] {
  return [`acct:${email.trim().toLowerCase()}`, `ip:${ip}`];
}

class MemoryStore implements Store {
  private rows = new Map<string, { count: number; resetAt: number }>();

  async count(key: string) {
    const row = this.live(key);
    return { count: row?.count ?? 0, ttl: row ? Math.ceil((row.resetAt - Date.now()) / 1000) : 0 };
  }

  async fail(key: string) {
    const row = this.live(key);
    if (row) row.count += 1;
    else this.rows.set(key, { count: 1, resetAt: Date.now() + WINDOW_SECONDS * 1000 });
  }

  async reset(key: string) {
    this.rows.delete(key);
  }

  private live(key: string) {
    const row = this.rows.get(key);
    if (row && row.resetAt <= Date.now()) {
      this.rows.delete(key);
      return undefined;
    }
    return row;
  }
}

class RedisStore implements Store {
  constructor(private bus: RedisBus) {}

  async count(key: string) {
    const k = `switchboard:throttle:${key}`;
    const [count, ttl] = await Promise.all([this.bus.client.get(k), this.bus.client.ttl(k)]);
    return { count: Number(count ?? 0), ttl: Math.max(ttl, 1) };
  }

  async fail(key: string) {
    const k = `switchboard:throttle:${key}`;
    // NX: the window starts at the first failure and is not extended by later ones.
    await this.bus.client.multi().incr(k).expire(k, WINDOW_SECONDS, "NX").exec();
  }

  async reset(key: string) {
    await this.bus.client.del(`switchboard:throttle:${key}`);
  }
}

const g = globalThis as unknown as { __switchboardThrottle?: Store };

function getStore(): Store {
  if (!g.__switchboardThrottle) {
    const bus = getBus();
    g.__switchboardThrottle = bus instanceof RedisBus ? new RedisStore(bus) : new MemoryStore();
  }
  return g.__switchboardThrottle;
}
