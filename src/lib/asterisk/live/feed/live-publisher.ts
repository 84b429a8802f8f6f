import { CHANNELS, LIVE_SNAPSHOT_KEY } from "@/lib/bus/events";
import type { Bus } from "@/lib/bus/types";
import type { LiveChange, LiveConnection, LiveDelta, LiveSnapshot, LiveState } from "../types";
import { cloneJson } from "./clone-json";

export type LivePublisherOptions = {
  bus: Bus;
  /** The state the snapshot is taken from (the listener's store). */
  getState: () => LiveState;
  /** Changes to one entity within this window go out once, with the latest value. Default 50 ms. */
  coalesceMs?: number;
  /** How often the stored snapshot is refreshed while deltas flow. Default 1 s. */
  snapshotEveryMs?: number;
  now?: () => number;
  /** Called after each publish with the age of the oldest change in it (publish lag). */
  onPublished?: (delta: LiveDelta, lagMs: number) => void;
  onError?: (error: unknown) => void;
};

/**
 * Turns the store's changes into versioned deltas on the bus.
 *
 * Changes are coalesced per entity (`collection:key`) for `coalesceMs`, so a phone that rings,
 * answers and holds inside 50 ms costs subscribers one update. Versions are consecutive; the
 * snapshot stored on the bus (LIVE_SNAPSHOT_KEY) is refreshed at most every `snapshotEveryMs`
 * and always after `reset()`, so a subscriber that sees a gap can reload it and carry on.
 *
 * Versions start from the wall clock in milliseconds, so a restarted listener's versions are
 * always newer than the previous process's and `setSnapshot`'s "newer wins" stays right.
 */
export class LivePublisher {
  private readonly options: Required<Omit<LivePublisherOptions, "onPublished" | "onError">> &
    Pick<LivePublisherOptions, "onPublished" | "onError">;
  private version: number;
  private pending = new Map<string, LiveChange>();
  private pendingSince: number | null = null;
  private connection: LiveConnection;
  private connectionChanged = false;
  private timer: NodeJS.Timeout | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private lastSnapshotAt = 0;
  private snapshotVersion = -1;
  private chain: Promise<void> = Promise.resolve();

  constructor(options: LivePublisherOptions, connection: LiveConnection) {
    this.options = { coalesceMs: 50, snapshotEveryMs: 1000, now: Date.now, ...options };
    this.version = this.options.now();
    this.connection = connection;
  }

  get currentVersion(): number {
    return this.version;
  }

  push(changes: readonly LiveChange[]): void {
    if (changes.length === 0) return;
    this.pendingSince ??= this.options.now();
    for (const change of changes) {
      const id = `${change.collection}:${change.key}`;
      // Re-insert so the map keeps the order of the latest change per entity.
      this.pending.delete(id);
      this.pending.set(id, change);
    }
    this.schedule();
  }

  setConnection(connection: LiveConnection): void {
    if (JSON.stringify(connection) === JSON.stringify(this.connection)) return;
    this.connection = connection;
    this.connectionChanged = true;
    this.pendingSince ??= this.options.now();
    this.schedule();
  }

  getConnection(): LiveConnection {
    return this.connection;
  }

  /** Publishes whatever is pending now, then stores a snapshot. Used after a rebuild. */
  async flushWithSnapshot(): Promise<void> {
    this.flush();
    await this.enqueue(() => this.storeSnapshot());
  }

  /** Publishes what is pending and waits for the bus. */
  async flushNow(): Promise<void> {
    this.flush();
    await this.chain;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.timer = null;
    this.snapshotTimer = null;
  }

  snapshot(): LiveSnapshot {
    return {
      version: this.version,
      at: this.options.now(),
      connection: this.connection,
      state: this.options.getState(),
    };
  }

  private schedule() {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.options.coalesceMs);
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0 && !this.connectionChanged) return;
    const now = this.options.now();
    const lag = this.pendingSince === null ? 0 : now - this.pendingSince;
    this.version += 1;
    const delta: LiveDelta = { version: this.version, at: now, changes: [...this.pending.values()] };
    if (this.connectionChanged) delta.connection = this.connection;
    // Copy now: the store mutates its entities in place after this returns.
    const frozen = cloneJson(delta);
    this.pending.clear();
    this.pendingSince = null;
    this.connectionChanged = false;
    this.enqueue(async () => {
      await this.options.bus.publish(CHANNELS.live, { type: "live.delta", delta: frozen });
      this.options.onPublished?.(frozen, lag);
      if (now - this.lastSnapshotAt >= this.options.snapshotEveryMs) await this.storeSnapshot();
      else this.scheduleTrailingSnapshot();
    });
  }

  /**
   * The stored snapshot must not stay behind after the last delta of a burst (panel actions
   * check their targets against it), so a skipped refresh is made up once the interval is over.
   */
  private scheduleTrailingSnapshot() {
    if (this.snapshotTimer) return;
    const wait = Math.max(0, this.lastSnapshotAt + this.options.snapshotEveryMs - this.options.now());
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      void this.enqueue(() => this.storeSnapshot());
    }, wait);
  }

  private async storeSnapshot() {
    if (this.snapshotVersion === this.version) return;
    const snapshot = cloneJson(this.snapshot());
    this.lastSnapshotAt = this.options.now();
    this.snapshotVersion = snapshot.version;
    await this.options.bus.setSnapshot(LIVE_SNAPSHOT_KEY, { version: snapshot.version, data: snapshot });
  }

  /** Bus writes happen one at a time, in version order. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error) => this.options.onError?.(error));
    return this.chain;
  }
}
