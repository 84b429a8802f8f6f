import type { BusEvent, Channel } from "./events";

export type Unsubscribe = () => void;

/** A snapshot and the version it was taken at; deltas after `version` bring it up to date. */
export type Snapshot<T = unknown> = { version: number; data: T };

/**
 * The one bus interface: publish/subscribe for deltas plus a versioned snapshot store.
 * memory.ts serves a single process; redis.ts serves the app and the listener as separate processes.
 */
export interface Bus {
  readonly kind: "memory" | "redis";
  publish(channel: Channel, event: BusEvent): Promise<void>;
  subscribe(channel: Channel, handler: (event: BusEvent) => void): Unsubscribe;
  getSnapshot<T>(key: string): Promise<Snapshot<T> | null>;
  /** Stores the snapshot unless a newer version is already there; returns whether it was stored. */
  setSnapshot<T>(key: string, snapshot: Snapshot<T>): Promise<boolean>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
