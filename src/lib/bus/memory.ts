import { EventEmitter } from "node:events";
import { busEvent, type Channel, type ChannelEvent } from "./events";
import type { Bus, Snapshot, Unsubscribe } from "./types";

/** In-process bus: the default without REDIS_URL, like Socket.IO's default adapter. */
export class MemoryBus implements Bus {
  readonly kind = "memory" as const;
  private emitter = new EventEmitter().setMaxListeners(0);
  private snapshots = new Map<string, Snapshot>();

  async publish<C extends Channel>(channel: C, event: ChannelEvent<C>): Promise<void> {
    // Parse on publish too, so the memory bus rejects exactly what the Redis bus would drop.
    const parsed = busEvent.parse(event);
    this.emitter.emit(channel, parsed);
  }

  subscribe<C extends Channel>(channel: C, handler: (event: ChannelEvent<C>) => void): Unsubscribe {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  async getSnapshot<T>(key: string): Promise<Snapshot<T> | null> {
    return (this.snapshots.get(key) as Snapshot<T> | undefined) ?? null;
  }

  async setSnapshot<T>(key: string, snapshot: Snapshot<T>): Promise<boolean> {
    const current = this.snapshots.get(key);
    if (current && current.version > snapshot.version) return false;
    this.snapshots.set(key, snapshot);
    return true;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
