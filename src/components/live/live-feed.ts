import type { LiveDelta, LiveSnapshot } from "@/lib/asterisk/live/types";
import { applyDelta, parseDelta, parseSnapshot } from "./live-store";

/**
 * The browser ↔ server stream:
 * - connecting: no snapshot has arrived yet;
 * - open: the EventSource is connected;
 * - reconnecting: it dropped (or the server refused it) and is being retried.
 */
export type StreamStatus = "connecting" | "open" | "reconnecting";

export type LiveView = {
  /** The latest state, null until the first snapshot (and after a version gap until the next). */
  snapshot: LiveSnapshot | null;
  stream: StreamStatus;
  /** leader: this tab holds the EventSource; follower: another tab does and rebroadcasts it; solo: no BroadcastChannel/locks. */
  role: "idle" | "leader" | "follower" | "solo";
};

/** What tabs tell each other over the BroadcastChannel. */
type TabMessage =
  | { t: "hello" }
  | { t: "snapshot"; snapshot: LiveSnapshot | null; stream: StreamStatus }
  | { t: "delta"; delta: LiveDelta }
  | { t: "status"; stream: StreamStatus };

type LockManagerLike = {
  request(name: string, options: { signal: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
};

export type LiveFeedOptions = {
  url: string;
  name?: string;
  /** Test seams; default to the browser's own. */
  createEventSource?: (url: string) => EventSource;
  createChannel?: (name: string) => BroadcastChannel | null;
  locks?: LockManagerLike | null;
  random?: () => number;
};

const IDLE: LiveView = { snapshot: null, stream: "connecting", role: "idle" };
const MAX_RETRY_MS = 30_000;

/**
 * One EventSource per browser, not per tab. Every tab asks for the same Web Lock; the tab that
 * holds it (the leader) opens the EventSource and rebroadcasts each snapshot and delta on a
 * BroadcastChannel. The others (followers) apply what they hear, and ask the leader for its
 * current snapshot when they start or miss a version. When the leader's tab closes, its lock is
 * released and the next tab in line takes over with a fresh EventSource. Without Web Locks or
 * BroadcastChannel every tab simply has its own EventSource.
 *
 * Transitions of `stream`: connecting → open (EventSource open) → reconnecting (error) → open …
 */
export class LiveFeed {
  private view: LiveView = IDLE;
  private readonly listeners = new Set<() => void>();
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private abort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  constructor(private readonly options: LiveFeedOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  getView = (): LiveView => this.view;

  private start() {
    const channel = (this.options.createChannel ?? defaultChannel)(this.options.name ?? "switchboard-live");
    const locks = this.options.locks === undefined ? defaultLocks() : this.options.locks;
    if (!channel || !locks) {
      this.set({ role: "solo" });
      this.open();
      return;
    }
    this.channel = channel;
    channel.onmessage = (e: MessageEvent<TabMessage>) => this.onTabMessage(e.data);
    this.set({ role: "follower" });
    this.post({ t: "hello" });
    const abort = new AbortController();
    this.abort = abort;
    locks
      .request(`${this.options.name ?? "switchboard-live"}-leader`, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return Promise.resolve();
        return new Promise<void>((resolve) => {
          this.releaseLock = resolve;
          this.set({ role: "leader" });
          this.open();
        });
      })
      // Aborted while waiting in line (the last subscriber left): nothing to clean up.
      .catch(() => {});
  }

  private stop() {
    this.closeSource();
    clearTimeout(this.retryTimer);
    this.abort?.abort();
    this.abort = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
    this.channel = null;
    this.attempt = 0;
    this.view = IDLE;
  }

  private open() {
    this.closeSource();
    const source = (this.options.createEventSource ?? ((url) => new EventSource(url)))(this.options.url);
    this.source = source;
    source.addEventListener("open", () => {
      this.attempt = 0;
      this.setStream("open");
    });
    source.addEventListener("snapshot", (e) => {
      const snapshot = parseSnapshot((e as MessageEvent<string>).data);
      if (!snapshot) return;
      this.set({ snapshot, stream: "open" });
      this.post({ t: "snapshot", snapshot, stream: "open" });
    });
    source.addEventListener("delta", (e) => {
      const delta = parseDelta((e as MessageEvent<string>).data);
      const current = this.view.snapshot;
      if (!delta || !current) return;
      const outcome = applyDelta(current, delta);
      if (outcome.kind === "applied") {
        this.set({ snapshot: outcome.snapshot });
        this.post({ t: "delta", delta });
      } else if (outcome.kind === "gap") {
        // A missed version: drop the state and start over with a fresh snapshot (a new
        // EventSource sends no Last-Event-ID).
        this.set({ snapshot: null, stream: "reconnecting" });
        this.post({ t: "snapshot", snapshot: null, stream: "reconnecting" });
        this.open();
      }
    });
    source.addEventListener("error", () => {
      if (source !== this.source) return;
      this.setStream("reconnecting");
      // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED: it gave up (an
      // HTTP error, or not an event stream): retry with backoff and jitter.
      if (source.readyState === 2) {
        this.closeSource();
        const base = Math.min(MAX_RETRY_MS, 1_000 * 2 ** this.attempt++);
        const delay = base / 2 + (this.options.random ?? Math.random)() * (base / 2);
        this.retryTimer = setTimeout(() => this.open(), delay);
      }
    });
  }

  private closeSource() {
    this.source?.close();
    this.source = null;
  }

  private onTabMessage(message: TabMessage) {
    const leading = this.view.role === "leader";
    if (message.t === "hello") {
      if (leading) this.post({ t: "snapshot", snapshot: this.view.snapshot, stream: this.view.stream });
      return;
    }
    if (leading) return;
    if (message.t === "snapshot") this.set({ snapshot: message.snapshot, stream: message.stream });
    else if (message.t === "status") this.setStream(message.stream);
    else if (message.t === "delta") {
      const current = this.view.snapshot;
      const outcome = current ? applyDelta(current, message.delta) : { kind: "gap" as const };
      if (outcome.kind === "applied") this.set({ snapshot: outcome.snapshot });
      // Joined mid-stream or missed one: the leader answers hello with its whole snapshot.
      else if (outcome.kind === "gap") this.post({ t: "hello" });
    }
  }

  private setStream(stream: StreamStatus) {
    if (this.view.stream === stream) return;
    this.set({ stream });
    if (this.view.role === "leader") this.post({ t: "status", stream });
  }

  private post(message: TabMessage) {
    this.channel?.postMessage(message);
  }

  private set(patch: Partial<LiveView>) {
    this.view = { ...this.view, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function defaultChannel(name: string): BroadcastChannel | null {
  return typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(name);
}

function defaultLocks(): LockManagerLike | null {
  if (typeof navigator === "undefined" || !("locks" in navigator) || !navigator.locks) return null;
  return navigator.locks as unknown as LockManagerLike;
}
