import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff";

export type AmiClientOptions = {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** The Login `Events:` value: "on", "off" or a class list such as "call,agent,system". Default "on". */
  events?: string;
  /** How long an action may take, a whole event list included. Default 10 s. */
  actionTimeoutMs?: number;
  /** How long one attempt may take from TCP connect to the login answer. Default 10 s. */
  connectTimeoutMs?: number;
  /** Backoff for reconnecting after a drop (default 250 ms doubling to 5 s, jittered); `false` turns reconnecting off. */
  reconnect?: false | BackoffOptions;
  /**
   * Off by default. When set, a `Ping` goes out every `intervalMs`, and a connection that sends
   * nothing at all for `deadAfterMs` is dropped and reconnected: a half-open TCP connection
   * (Asterisk host gone, no RST) otherwise looks healthy for many minutes.
   */
  keepalive?: { intervalMs: number; deadAfterMs: number };
  /** ActionIDs are `<prefix>-<n>`; default `sb-<pid>`, so they are unique per process and readable in Asterisk's logs. */
  actionIdPrefix?: string;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
};

export type ResolvedAmiClientOptions = Required<Omit<AmiClientOptions, "keepalive" | "reconnect">> & {
  keepalive?: { intervalMs: number; deadAfterMs: number };
  reconnect: false | Required<BackoffOptions>;
};

const DEFAULT_TIMEOUT_MS = 10_000;

/** Fills in the defaults; an option passed as `undefined` (say, an unset env value) gets its default too. */
export function resolveOptions(options: AmiClientOptions): ResolvedAmiClientOptions {
  return {
    host: options.host,
    port: options.port,
    username: options.username,
    secret: options.secret,
    events: options.events ?? "on",
    actionTimeoutMs: options.actionTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    keepalive: options.keepalive,
    reconnect:
      options.reconnect === false
        ? false
        : {
            initialDelayMs: options.reconnect?.initialDelayMs ?? DEFAULT_BACKOFF.initialDelayMs,
            maxDelayMs: options.reconnect?.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
          },
    actionIdPrefix: options.actionIdPrefix ?? `sb-${process.pid}`,
    random: options.random ?? Math.random,
  };
}
