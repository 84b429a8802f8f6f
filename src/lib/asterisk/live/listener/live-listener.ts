import type { Logger } from "pino";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import type { AmiClientOptions } from "@/lib/asterisk/ami/ami-client-options";
import { isEmptyListError } from "@/lib/asterisk/ami/ami-error";
import { AmiConnectionState } from "@/lib/asterisk/ami/connection-state";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { DND_FAMILY } from "@/lib/asterisk/dnd-keys";
import { CHANNELS, type LiveCommand } from "@/lib/bus/events";
import type { Bus, Unsubscribe } from "@/lib/bus/types";
import type { Db } from "@/lib/db/client";
import { reconcileDnd } from "@/lib/extensions/dnd";
import { RecordingIndexJob } from "@/lib/recordings/index-job";
import { type AmiSend, purgeExpiredEntries, reconcileAstdb } from "@/lib/routing/astdb-sync";
import { cloneState, diffStates } from "../feed/apply-changes";
import { LivePublisher } from "../feed/live-publisher";
import { LivePersistence } from "../persist/live-persistence";
import { LiveStateStore } from "../state/live-state-store";
import { REBUILD_ACTIONS, type RebuildLists } from "../state/rebuild";
import type { LiveConnection } from "../types";
import { LIVE_METRICS_KEY, ListenerMetrics, type LiveMetrics } from "./listener-metrics";

export type LiveListenerOptions = {
  bus: Bus;
  /** Where queue events, agent sessions and CDRs go; null keeps state only (the benchmark). */
  db: Db | null;
  /** The AMI connection to use now, or null while none is configured. Polled, so Settings changes apply. */
  connection: () => Promise<AmiClientOptions | null>;
  /** IANA zone for "today" counters. */
  timeZone: string;
  log: Logger;
  /** How often `connection()` is re-read. Default 5 s. */
  pollMs?: number;
  now?: () => number;
  /** `<spool>/monitor`: when set (with a db), recordings are indexed as calls end. */
  recordingsRoot?: string | null;
};

const KEEPALIVE = { intervalMs: 5_000, deadAfterMs: 10_000 };
/** A module reload can add or drop queue members and hints without events: resync after it. */
const RESYNC_AFTER_RELOAD_MS = 500;
/** How long to wait for FullyBooted after a login before rebuilding anyway. */
const BOOT_WAIT_MS = 3_000;
/** How often expired block/allow entries are deleted (they stop matching at their expiry anyway). */
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The listener: one AMI connection, the live-state store, the publisher and the persistence.
 *
 * Connection states (LiveConnection.state):
 * - connecting: no AMI session yet (or reconnecting after a drop, with the reason in `error`);
 *   (also while a fresh login waits for Asterisk's FullyBooted);
 * - syncing: logged in; the list actions are rebuilding the state; events are held meanwhile;
 * - live: state rebuilt and published; events apply as they come;
 * - down: no connection configured, or Asterisk refused the login (retried when settings change).
 * Every (re)connect goes through syncing: nothing held from before a drop is trusted.
 */
export class LiveListener {
  readonly store: LiveStateStore;
  private readonly publisher: LivePublisher;
  private readonly persistence: LivePersistence | null;
  private readonly metricsCounter: ListenerMetrics;
  private readonly now: () => number;
  private client: AmiClient | null = null;
  /** The connection settings in use; null before the first read. */
  private clientKey: string | null = null;
  private syncing = false;
  /** AstDB may lack list changes: at start and after every drop (not after a mere reload resync). */
  private astdbStale = true;
  private syncGeneration = 0;
  private held: AmiEvent[] = [];
  private timers: NodeJS.Timeout[] = [];
  private resyncTimer: NodeJS.Timeout | null = null;
  private unsubscribe: Unsubscribe | null = null;
  private stopped = false;
  private booting: { cancel: () => void } | null = null;
  private readonly recordingIndex: RecordingIndexJob | null;

  constructor(private readonly options: LiveListenerOptions) {
    this.now = options.now ?? Date.now;
    this.store = new LiveStateStore({ now: this.now, timeZone: options.timeZone });
    this.metricsCounter = new ListenerMetrics(this.now);
    this.persistence = options.db
      ? new LivePersistence({
          db: options.db,
          onError: (err) => this.logError(err, "persisting AMI events failed"),
          onWrapups: (userIds) => {
            for (const userId of userIds)
              void options.bus
                .publish(CHANNELS.agent, { type: "agent.inbox", userId, topic: "wrapup" })
                .catch((err) => this.logError(err, "announcing a wrap-up failed"));
          },
        })
      : null;
    this.recordingIndex =
      options.db && options.recordingsRoot
        ? new RecordingIndexJob({ root: options.recordingsRoot, db: options.db, log: options.log })
        : null;
    this.publisher = new LivePublisher(
      {
        bus: options.bus,
        getState: () => this.store.state,
        now: this.now,
        onPublished: (_delta, lag) => this.metricsCounter.published(lag),
        onError: (err) => this.logError(err, "publishing live state failed"),
      },
      { state: "connecting", lastEventAt: null, error: null },
    );
  }

  async start(): Promise<void> {
    this.unsubscribe = this.options.bus.subscribe(CHANNELS.liveCommands, (e) => this.command(e.command));
    await this.publisher.flushWithSnapshot();
    await this.refreshConnection();
    this.recordingIndex?.start();
    this.timers.push(setInterval(() => void this.refreshConnection(), this.options.pollMs ?? 5_000));
    this.timers.push(setInterval(() => void this.storeMetrics(), 1_000));
    // Expired block/allow entries already stopped matching (the dialplan compares with EPOCH); this
    // deletes their rows and AstDB keys.
    if (this.options.db) this.timers.push(setInterval(() => void this.purgeCallerLists(), PURGE_EVERY_MS));
    // Queues' "today" counters roll over at local midnight even when no call comes in.
    this.timers.push(setInterval(() => this.publisher.push(this.store.tick()), 60_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.booting?.cancel();
    this.unsubscribe?.();
    await this.recordingIndex?.stop();
    await this.client?.close();
    this.client = null;
    this.setConnection({ state: "down", error: "The listener stopped" });
    await this.publisher.flushNow();
    this.publisher.stop();
    await this.persistence?.flush();
  }

  metrics(): LiveMetrics {
    return this.metricsCounter.take(this.publisher.getConnection(), this.publisher.currentVersion);
  }

  /** Resolves once pending deltas and rows are written (tests, shutdown). */
  async drain(): Promise<void> {
    await this.publisher.flushNow();
    await this.persistence?.flush();
  }

  private async refreshConnection() {
    if (this.stopped) return;
    let options: AmiClientOptions | null;
    try {
      options = await this.options.connection();
    } catch (err) {
      this.logError(err, "reading the AMI connection settings failed");
      return;
    }
    const key = options ? JSON.stringify([options.host, options.port, options.username, options.secret]) : "";
    if (key === this.clientKey) return;
    this.clientKey = key;
    const old = this.client;
    this.client = null;
    await old?.close();
    if (!options) {
      this.setConnection({
        state: "down",
        error: "AMI is not configured: set the host, user and secret in Settings.",
      });
      return;
    }
    this.open(options);
  }

  private open(options: AmiClientOptions) {
    const client = new AmiClient({
      ...options,
      keepalive: KEEPALIVE,
      actionIdPrefix: `sb-listener-${process.pid}`,
    });
    this.client = client;
    client.on("event", (event) => this.receive(event));
    client.on("state", ({ state, error }) => {
      if (client !== this.client) return;
      if (state === AmiConnectionState.Connected) this.awaitBoot(client);
      else if (state === AmiConnectionState.Disconnected) {
        this.syncGeneration += 1;
        this.astdbStale = true;
        this.booting?.cancel();
        this.syncing = false;
        this.held = [];
        this.setConnection({ state: "connecting", error: error?.message ?? null });
      }
    });
    this.setConnection({ state: "connecting", error: null });
    client.connect().catch((err: Error) => {
      if (client !== this.client) return;
      this.setConnection({ state: "down", error: err.message });
      this.options.log.error({ err: err.message }, "AMI login refused; waiting for new settings");
    });
  }

  /**
   * Asterisk accepts AMI logins before it has finished booting, and list actions sent then
   * answer with half a system. It sends FullyBooted to every new session once it is up (at once
   * when it already is), so the rebuild waits for that; if a filter drops the event, it goes
   * ahead after BOOT_WAIT_MS.
   */
  private awaitBoot(client: AmiClient) {
    this.booting?.cancel();
    this.setConnection({ state: "connecting", error: "Waiting for Asterisk to finish booting" });
    const onEvent = (event: AmiEvent) => {
      if (event.event === "FullyBooted") go();
    };
    const timer = setTimeout(() => go(), BOOT_WAIT_MS);
    const cancel = () => {
      clearTimeout(timer);
      client.off("event", onEvent);
      this.booting = null;
    };
    const go = () => {
      cancel();
      if (client === this.client && client.state === AmiConnectionState.Connected) void this.sync(client);
    };
    this.booting = { cancel };
    client.on("event", onEvent);
  }

  /** Rebuilds the whole state from the list actions, then publishes the difference. */
  private async sync(client: AmiClient) {
    const generation = ++this.syncGeneration;
    this.syncing = true;
    this.held = [];
    this.setConnection({ state: "syncing", error: null });
    try {
      const lists = {} as RebuildLists;
      for (const action of REBUILD_ACTIONS) {
        lists[action] = await listItems(client, action);
      }
      // DND from AstDB; an AMI user that may not read AstDB keeps the panel working without it.
      lists.DBGetTree = await listItems(client, "DBGetTree", { Family: DND_FAMILY }).catch((err) => {
        this.logError(err, "reading do not disturb from AstDB (DBGetTree) failed");
        return undefined;
      });
      if (generation !== this.syncGeneration) return;
      const before = cloneState(this.store.state);
      this.store.rebuild(lists);
      const held = this.held;
      this.held = [];
      this.syncing = false;
      for (const event of held) this.handle(event);
      this.publisher.push(diffStates(before, this.store.state));
      this.setConnection({ state: "live", error: null });
      await this.publisher.flushWithSnapshot();
      await this.persistence?.reconcile(this.store.state);
      if (this.options.db && this.astdbStale) await this.syncAstdb(client);
      this.options.log.info(
        {
          channels: Object.keys(this.store.state.channels).length,
          queues: Object.keys(this.store.state.queues).length,
        },
        "live state rebuilt from AMI",
      );
    } catch (err) {
      if (generation !== this.syncGeneration) return;
      this.syncing = false;
      this.logError(err, "rebuilding live state failed; retrying");
      this.scheduleResync(2_000);
    }
  }

  /** After every (re)connect: AstDB may have missed list and DND changes made while it was away. */
  private async syncAstdb(client: AmiClient) {
    const send: AmiSend = (name, headers) => client.action(name, headers);
    try {
      const r = await reconcileAstdb(this.options.db!, send);
      const dnd = await reconcileDnd(this.options.db!, send);
      this.astdbStale = false;
      this.options.log.info({ ...r, dnd }, "block and allow lists and DND synced to AstDB");
    } catch (err) {
      this.logError(err, "syncing block and allow lists and DND to AstDB failed");
    }
  }

  private async purgeCallerLists() {
    const client = this.client;
    const send: AmiSend | null =
      client && client.state === AmiConnectionState.Connected ? (n, h) => client.action(n, h) : null;
    try {
      const r = await purgeExpiredEntries(this.options.db!, send);
      if (r.purged) this.options.log.info({ purged: r.purged }, "expired block/allow entries purged");
    } catch (err) {
      this.logError(err, "purging expired block/allow entries failed");
    }
  }

  private receive(event: AmiEvent) {
    this.metricsCounter.event();
    if (this.syncing) this.held.push(event);
    else this.handle(event);
  }

  private handle(event: AmiEvent) {
    this.publisher.push(this.store.apply(event));
    this.persistence?.handle(event);
    if (event.event === "Reload") this.scheduleResync(RESYNC_AFTER_RELOAD_MS);
    if (event.event === "MixMonitorStop" || event.event === "Hangup") this.recordingIndex?.poke();
  }

  /**
   * What the app knows and AMI doesn't: a ChanSpy leg the app originated (its mode, which
   * ChanSpyStart doesn't say, and its end to record), or a browser phone's call quality.
   */
  private command(command: LiveCommand) {
    switch (command.kind) {
      case "spy":
        this.persistence?.noteSpyLeg(command.uniqueid);
        this.publisher.push(this.store.noteSpyMode(command.uniqueid, command.mode));
        return;
      case "quality":
        this.publisher.push(this.store.reportQuality(command.extension, command.samples));
        return;
    }
  }

  private scheduleResync(ms: number) {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      const client = this.client;
      if (client?.state === AmiConnectionState.Connected && !this.syncing) void this.sync(client);
    }, ms);
  }

  private setConnection(change: Pick<LiveConnection, "state" | "error">) {
    this.publisher.setConnection({ ...change, lastEventAt: this.metricsCounter.lastEvent });
  }

  private async storeMetrics() {
    const metrics = this.metrics();
    await this.options.bus
      .setSnapshot(LIVE_METRICS_KEY, { version: metrics.at, data: metrics })
      .catch(() => {});
  }

  private logError(err: unknown, message: string) {
    this.options.log.error({ err: err instanceof Error ? err.message : String(err) }, message);
  }
}

/** A list action's items; an "empty list" error (no conferences) is an empty list. */
async function listItems(
  client: AmiClient,
  action: string,
  headers: Record<string, string> = {},
): Promise<AmiEvent[]> {
  try {
    return (await client.action(action, headers, { timeoutMs: 30_000 })).events;
  } catch (err) {
    if (isEmptyListError(err)) return [];
    throw err;
  }
}
