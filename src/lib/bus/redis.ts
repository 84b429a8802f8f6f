import { Redis } from "ioredis";
import { log } from "@/lib/log";
import { type BusEvent, busEvent, type Channel, type ChannelEvent } from "./events";
import type { Bus, Snapshot, Unsubscribe } from "./types";

// Compare-and-set in one round trip: a slow writer can never overwrite a newer snapshot.
const SET_IF_NEWER = `
local cur = redis.call('HGET', KEYS[1], 'version')
if cur and tonumber(cur) > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'data', ARGV[2])
return 1`;

/** Redis bus: one connection publishes and stores, a second one is dedicated to SUBSCRIBE. */
export class RedisBus implements Bus {
  readonly kind = "redis" as const;
  private pub: Redis;
  private sub: Redis;
  private handlers = new Map<string, Set<(event: BusEvent) => void>>();

  constructor(url: string) {
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const c of [this.pub, this.sub])
      c.on("error", (err) => log.warn({ err: err.message }, "redis error"));
    this.sub.on("message", (channel: string, raw: string) => this.dispatch(channel, raw));
  }

  async publish<C extends Channel>(channel: C, event: ChannelEvent<C>): Promise<void> {
    await this.pub.publish(channel, JSON.stringify(busEvent.parse(event)));
  }

  subscribe<C extends Channel>(channel: C, handler: (event: ChannelEvent<C>) => void): Unsubscribe {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      this.sub
        .subscribe(channel)
        .catch((err) => log.error({ err: err.message, channel }, "subscribe failed"));
    }
    set.add(handler as (event: BusEvent) => void);
    return () => {
      set.delete(handler as (event: BusEvent) => void);
      if (set.size === 0) {
        this.handlers.delete(channel);
        this.sub.unsubscribe(channel).catch(() => {});
      }
    };
  }

  async getSnapshot<T>(key: string): Promise<Snapshot<T> | null> {
    const row = await this.pub.hgetall(`switchboard:snapshot:${key}`);
    if (!row.version || row.data === undefined) return null;
    return { version: Number(row.version), data: JSON.parse(row.data) as T };
  }

  async setSnapshot<T>(key: string, snapshot: Snapshot<T>): Promise<boolean> {
    const stored = await this.pub.eval(
      SET_IF_NEWER,
      1,
      `switchboard:snapshot:${key}`,
      String(snapshot.version),
      JSON.stringify(snapshot.data),
    );
    return stored === 1;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.pub.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  /** The raw client, for other Redis-backed features (login throttling) to share the connection. */
  get client(): Redis {
    return this.pub;
  }

  private dispatch(channel: string, raw: string): void {
    const set = this.handlers.get(channel);
    if (!set) return;
    let parsed: BusEvent;
    try {
      parsed = busEvent.parse(JSON.parse(raw));
    } catch {
      log.warn({ channel }, "dropped a bus message that does not match the event schema");
      return;
    }
    for (const handler of set) handler(parsed);
  }
}
