import type { Channel, ChannelEvent } from "./events";

export type Unsubscribe = () => void;

/** A snapshot and the version it was taken at; deltas after `version` bring it up to date. */
export type Snapshot<T = unknown> = { version: number; data: T };

/**
 * The one bus interface: publish/subscribe for deltas plus a versioned snapshot store.
 * memory.ts serves a single process; redis.ts serves the app and the listener as separate processes.
 */
export interface Bus {
  readonly kind: "memory" | "redis";
  publish<C extends Channel>(channel: C, event: ChannelEvent<C>): Promise<void>;
  subscribe<C extends Channel>(channel: C, handler: (event: ChannelEvent<C>) => void): Unsubscribe;
  getSnapshot<T>(key: string): Promise<Snapshot<T> | null>;
  /** Stores the snapshot unless a newer version is already there; returns whether it was stored. */
  setSnapshot<T>(key: string, snapshot: Snapshot<T>): Promise<boolean>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
