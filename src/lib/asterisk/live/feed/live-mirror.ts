import { EventEmitter } from "node:events";
import { CHANNELS, LIVE_SNAPSHOT_KEY } from "@/lib/bus/events";
import type { Bus, Unsubscribe } from "@/lib/bus/types";
import { emptyLiveState, type LiveDelta, type LiveSnapshot } from "../types";
import { applyChanges } from "./apply-changes";

export type LiveMirrorOptions = {
  bus: Bus;
  /** Deltas kept for `Last-Event-ID` resumes. Default 2000 (≈ 100 s at 20 deltas/s). */
  keep?: number;
};

export type LiveMirrorEvents = {
  delta: [delta: LiveDelta];
  /** The mirror lost continuity and reloaded; every client needs a fresh snapshot. */
  reset: [snapshot: LiveSnapshot];
};

/**
 * The app server's copy of the live state, one per process, fed by the listener's deltas on
 * the bus. Every SSE client is served from it: a new client gets `snapshot()` at once, a
 * reconnecting one gets `since(version)` when the mirror still holds those deltas.
 *
 * Continuity: deltas must arrive with consecutive versions. On a gap (a lost Redis message, a
 * restarted listener) the mirror reloads the stored snapshot and emits `reset`. A stored
 * snapshot may already contain changes of the next delta or two (the listener stores it
 * between flushes); deltas replace whole entities, so applying them again is harmless.
 */
export class LiveMirror extends EventEmitter<LiveMirrorEvents> {
  private current: LiveSnapshot = {
    version: 0,
    at: 0,
    connection: { state: "connecting", lastEventAt: null, error: null },
    state: emptyLiveState(),
  };
  private recent: LiveDelta[] = [];
  private unsubscribe?: Unsubscribe;
  private loading: Promise<void> | null = null;
  /** Deltas that arrived while a snapshot was loading; replayed on top of it. */
  private held: LiveDelta[] = [];
  private started = false;
  private readonly keep: number;

  constructor(private readonly options: LiveMirrorOptions) {
    super();
    this.setMaxListeners(0);
    this.keep = options.keep ?? 2000;
  }

  /** Subscribes and loads the stored snapshot; resolves when the mirror is usable. */
  async start(): Promise<void> {
    if (this.started) return this.loading ?? undefined;
    this.started = true;
    this.unsubscribe = this.options.bus.subscribe(CHANNELS.live, (event) => this.receive(event.delta));
    await this.reload();
  }

  stop(): void {
    this.unsubscribe?.();
    this.removeAllListeners();
  }

  snapshot(): LiveSnapshot {
    return this.current;
  }

  /** Deltas after `version`, or null when the mirror no longer holds all of them. */
  since(version: number): LiveDelta[] | null {
    if (version === this.current.version) return [];
    const first = this.recent[0];
    if (!first || version < first.version - 1 || version > this.current.version) return null;
    return this.recent.filter((d) => d.version > version);
  }

  private receive(delta: LiveDelta) {
    if (this.loading) {
      this.held.push(delta);
      return;
    }
    if (delta.version <= this.current.version) return;
    if (delta.version !== this.current.version + 1) {
      // Reload, then replay this delta on top if the snapshot turns out to be just before it.
      this.held.push(delta);
      void this.reload();
      return;
    }
    applyChanges(this.current.state, delta.changes);
    this.current = {
      ...this.current,
      version: delta.version,
      at: delta.at,
      connection: delta.connection ?? this.current.connection,
    };
    this.recent.push(delta);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    this.emit("delta", delta);
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const stored = await this.options.bus.getSnapshot<LiveSnapshot>(LIVE_SNAPSHOT_KEY);
        if (stored && stored.version !== this.current.version) {
          this.current = stored.data;
          this.recent = [];
          this.emit("reset", this.current);
        }
      } finally {
        this.loading = null;
      }
      const held = this.held;
      this.held = [];
      for (const delta of held) this.receive(delta);
    })();
    return this.loading;
  }
}
