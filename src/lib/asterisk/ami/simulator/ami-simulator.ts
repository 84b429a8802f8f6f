import { randomInt } from "node:crypto";
import net from "node:net";
import { dispatchAction } from "./action-dispatch";
import { ActionLog, type ReceivedAction } from "./action-log";
import { headerOf } from "./action-reader";
import { AmiSession, type SessionHost } from "./ami-session";
import { LoadGenerator, type LoadSettings } from "./load-generator";
import type { OriginateTiming } from "./originate";
import { createPrng } from "./prng";
import { SCENARIOS, type ScenarioName, type ScenarioParamsByName } from "./scenario-registry";
import { type ScenarioRun, Scheduler } from "./scenario-runner";
import { SimWorld } from "./sim-world";
import { hangupChannel } from "./teardown";
import type { SimWorldOptions } from "./world-options";

export type SimulatorLogger = {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
};

export type AmiSimulatorOptions = SimWorldOptions & {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port (see `port` on the result). */
  port?: number;
  /** AMI credentials. Default switchboard / switchboard. */
  username?: string;
  secret?: string;
  /** PRNG seed; the same seed replays the same choices. Default random (reported as `seed`). */
  seed?: number;
  /** Generated traffic: events per second to hold (null: no cap). */
  rate?: number | null;
  /** Generated traffic: concurrent calls to hold. */
  calls?: number | null;
  /** Generated traffic: a handful of slow calls a person can follow. */
  demo?: boolean;
  /** Append every received action to this JSONL file. */
  actionLog?: string;
  /** How calls started or moved by actions play out. Default answer 1 s, ring 2 s, talk 60 s. */
  actionTiming?: Partial<OriginateTiming>;
  /** Delay before a wrong secret is refused. Default 1000 ms, as Asterisk. */
  loginFailureDelayMs?: number;
  /** Drop a session with more than this much unsent output. Default 64 MiB. */
  maxBufferedBytes?: number;
  logger?: SimulatorLogger;
};

export type AmiSimulator = {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly world: SimWorld;
  /** Every action received so far, oldest first (secrets redacted). */
  readonly actions: ReceivedAction[];
  /** Events emitted so far (each counted once, however many sessions got it). */
  readonly eventCount: number;
  readonly sessionCount: number;
  /** Runs one scenario now; `reached(phase)` and `done` tell when it got somewhere. */
  triggerScenario<N extends ScenarioName>(name: N, params?: ScenarioParamsByName[N]): ScenarioRun;
  /**
   * Changes the generated traffic: events/s cap and concurrent calls. Both null stops generating
   * (scenarios already running finish).
   */
  setRate(rate: number | null, calls?: number | null): void;
  stop(): Promise<void>;
};

const QUIET: SimulatorLogger = { info: () => {}, warn: (details, message) => console.warn(message, details) };

/**
 * An AMI server that behaves like Asterisk 22 for load tests, demos and e2e runs: it speaks the
 * real protocol on TCP, keeps a simulated PBX (phones, queues, parking, conferences) that the
 * list actions read, plays call scenarios shaped after the recorded transcripts, and answers the
 * panel's actions with Asterisk's replies and their effects. See scripts/ami-simulator.ts.
 */
export async function startAmiSimulator(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
  const logger = options.logger ?? QUIET;
  const seed = options.seed ?? randomInt(2 ** 31);
  const world = new SimWorld(options, createPrng(seed));
  const scheduler = new Scheduler({
    eventCount: () => world.eventCount,
    rate: options.rate ?? null,
    onStopped: (runId) => {
      for (const ch of [...world.channels.values()]) {
        if (ch.owner === runId && !ch.dying && world.channels.has(ch.uniqueid)) hangupChannel(world, ch);
      }
    },
  });
  const actionLog = new ActionLog(options.actionLog);
  const timing: OriginateTiming = { answerMs: 1000, ringMs: 2000, talkMs: 60_000, ...options.actionTiming };
  const sessions = new Set<AmiSession>();
  let sessionIds = 0;
  world.onEvent((event) => {
    for (const session of sessions) session.sendEvent(event);
  });

  const host: SessionHost = {
    username: options.username ?? "switchboard",
    secret: options.secret ?? "switchboard",
    loginFailureDelayMs: options.loginFailureDelayMs ?? 1000,
    maxBufferedBytes: options.maxBufferedBytes ?? 64 * 1024 * 1024,
    uptimeSeconds: () => Math.max(1, Math.floor((world.now() - world.startedAt) / 1000)),
    now: () => world.now(),
    record(session, parsed) {
      const action: ReceivedAction = {
        at: world.now(),
        session: session.id,
        name: headerOf(parsed.headers, "Action"),
        actionId: headerOf(parsed.headers, "ActionID"),
        headers: parsed.headers,
        raw: parsed.raw,
        anomalies: parsed.anomalies,
      };
      actionLog.record(action);
      if (action.anomalies.length > 0) {
        logger.warn({ session: session.id, action: action.name, anomalies: action.anomalies }, "odd action");
      }
      return action;
    },
    handle: (session, action) => dispatchAction({ world, scheduler, timing, session }, action),
    warn: (message, details = {}) => logger.warn(details, message),
    closed: (session) => {
      sessions.delete(session);
      logger.info({ session: session.id }, "session closed");
    },
  };

  const server = net.createServer((socket) => {
    sessionIds += 1;
    const session = new AmiSession(sessionIds, socket, host);
    sessions.add(session);
    logger.info({ session: session.id, remote: session.remote }, "session opened");
  });
  const address = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");

  const trigger = <N extends ScenarioName>(name: N, params: ScenarioParamsByName[N], counted: boolean) =>
    scheduler.start(name, (runId) => SCENARIOS[name]({ world, runId }, params), { counted });
  const settings = (rate: number | null, calls: number | null): LoadSettings => ({
    rate,
    calls,
    demo: options.demo ?? false,
  });
  let load: LoadGenerator | undefined;
  const setRate = (rate: number | null, calls: number | null = null) => {
    scheduler.setRate(rate);
    if (rate === null && calls === null && !options.demo) {
      load?.stop();
      load = undefined;
      return;
    }
    if (load) load.update(settings(rate, calls));
    else {
      load = new LoadGenerator(world, scheduler, trigger, settings(rate, calls));
      load.start();
    }
  };
  if (options.rate != null || options.calls != null || options.demo)
    setRate(options.rate ?? null, options.calls ?? null);

  let stopping: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    seed,
    world,
    actions: actionLog.actions,
    get eventCount() {
      return world.eventCount;
    },
    get sessionCount() {
      return sessions.size;
    },
    triggerScenario: (name, params) => trigger(name, params ?? ({} as never), false),
    setRate,
    stop() {
      stopping ??= (async () => {
        load?.stop();
        scheduler.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const session of sessions) session.socket.destroy();
        await closed;
        await actionLog.close();
      })();
      return stopping;
    },
  };
}

function listen(server: net.Server, port: number, host: string): Promise<net.AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string")
        reject(new Error("The simulator has no TCP address"));
      else resolve(address);
    });
  });
}
