import { EventEmitter } from "node:events";
import net, { type Socket } from "node:net";
import { type AmiClientOptions, type ResolvedAmiClientOptions, resolveOptions } from "./ami-client-options";
import { AmiError } from "./ami-error";
import { backoffDelay } from "./backoff";
import { AmiConnectionState, type AmiStateChange } from "./connection-state";
import { type AmiEvent, type AmiMessage, type AmiResponse, headerValue } from "./message";
import { AmiMessageParser } from "./message-parser";
import { type AmiReply, PendingActions } from "./pending-actions";
import { type AmiActionHeaders, serializeAction } from "./serialize-action";

export type AmiActionOptions = {
  /** Overrides `actionTimeoutMs` for this action. */
  timeoutMs?: number;
};

export type AmiClientEvents = {
  state: [change: AmiStateChange];
  /** Every live event, in wire order. Replies and list items never come here. */
  event: [event: AmiEvent];
};

const LOGOFF_TIMEOUT_MS = 2_000;
const END_GRACE_MS = 1_000;

/**
 * The app's AMI connection: one TCP session, logged in, kept alive and reconnected.
 *
 * It is written on `node:net` rather than on asterisk-manager 0.2.0, whose only export is a
 * closure that owns the socket, its reader and its writer, so none of the broken parts can be
 * swapped out alone. Measured against the recorded Asterisk 22 bytes (asterisk-manager-gaps.test.ts)
 * and its source, that package:
 * - splits lines on `\r?\n` and ends a message at the first empty line, so a value ending in a
 *   bare LF (`Message: Park successful\n`) yields an extra empty message, and any header after
 *   it would land in a message of its own;
 * - resolves a list action on `EventList: start` and emits its items as live events;
 * - has no per-action timeout and never rejects actions that were pending when the socket closed;
 * - writes header values unchecked (CR/LF injects a second action), sorts the headers and sends
 *   `Event: on` where Login expects `Events:`;
 * - reconnects linearly every 10 s to 60 s without jitter, and retries a refused login forever.
 * So this file owns the socket, messages are split by message-parser.ts, replies are routed by
 * pending-actions.ts, and actions are written by serialize-action.ts.
 *
 * It takes its settings as arguments and never reads the environment (src/env.ts does that).
 *
 * @example
 * const ami = new AmiClient({ host: "127.0.0.1", port: 5038, username: "switchboard", secret });
 * ami.on("event", (e) => console.info(e.event, e.fields.Uniqueid));
 * ami.on("state", ({ state, error }) => console.info(state, error?.code));
 * await ami.connect();
 * const { events } = await ami.action("QueueStatus", { Queue: "sales" });
 * await ami.close();
 */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  /** The AMI protocol version from the banner (11.0.0 on Asterisk 22), not the Asterisk version. */
  amiVersion?: string;

  private readonly options: ResolvedAmiClientOptions;
  private readonly pending = new PendingActions();
  private current = AmiConnectionState.Disconnected;
  private socket?: Socket;
  private parser?: AmiMessageParser;
  private connectionError?: AmiError;
  private loginId?: string;
  private counter = 0;
  private attempt = 0;
  private started = false;
  /** Set by close(), a refused login, or a drop with reconnecting off: the client will not connect again. */
  private stopped = false;
  private closing?: Promise<void>;
  private waiters: { resolve: () => void; reject: (error: AmiError) => void }[] = [];
  private timers: {
    connect?: NodeJS.Timeout;
    reconnect?: NodeJS.Timeout;
    keepalive?: NodeJS.Timeout;
    silence?: NodeJS.Timeout;
  } = {};

  constructor(options: AmiClientOptions) {
    super();
    this.options = resolveOptions(options);
    // Fail at construction, not at the first connect, when the credentials could inject headers.
    this.loginAction("probe");
  }

  get state(): AmiConnectionState {
    return this.current;
  }

  /**
   * Starts the connection and resolves once logged in. Network failures are retried with
   * backoff meanwhile; it rejects with `unavailable:ami_login` when Asterisk refuses the
   * credentials (retrying a wrong secret cannot help), or when the client is closed first.
   */
  connect(): Promise<void> {
    if (this.stopped) return Promise.reject(new AmiError("unavailable:ami", "The AMI client is closed"));
    if (this.current === AmiConnectionState.Connected) return Promise.resolve();
    const connected = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.started) {
      this.started = true;
      this.open();
    }
    return connected;
  }

  /**
   * Sends one action and resolves with Asterisk's reply, its event list collected (see
   * AmiReply). Rejects with `bad_request:ami_header` before writing anything when a header could
   * inject, `unavailable:ami` when not connected or when the connection drops first,
   * `unavailable:ami_timeout` after the timeout, and `bad_request:ami_action` when Asterisk
   * answers `Response: Error` (isEmptyListError() tells an empty list from a real failure).
   */
  async action(
    action: string,
    headers: AmiActionHeaders = {},
    options: AmiActionOptions = {},
  ): Promise<AmiReply> {
    const actionId = this.nextActionId();
    const raw = serializeAction(action, headers, actionId);
    if (this.current !== AmiConnectionState.Connected || !this.socket) {
      throw new AmiError("unavailable:ami", `AMI is not connected; ${action} was not sent`, { action });
    }
    return this.send(action, actionId, raw, options.timeoutMs ?? this.options.actionTimeoutMs);
  }

  /** Logs off (waiting briefly for Goodbye), ends the socket and clears every timer. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown() {
    this.stopped = true;
    clearTimeout(this.timers.reconnect);
    this.timers.reconnect = undefined;
    const socket = this.socket;
    if (!socket) {
      this.rejectWaiters(new AmiError("unavailable:ami", "The AMI client was closed before it connected"));
      return;
    }
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    if (this.current === AmiConnectionState.Connected) {
      clearInterval(this.timers.keepalive);
      const id = this.nextActionId();
      await this.send("Logoff", id, serializeAction("Logoff", {}, id), LOGOFF_TIMEOUT_MS).catch(() => {});
      socket.end();
      // Asterisk closes its side right after Goodbye; a peer that doesn't must not hold close() open.
      const grace = setTimeout(() => socket.destroy(), END_GRACE_MS);
      await closed;
      clearTimeout(grace);
    } else {
      socket.destroy();
      await closed;
    }
  }

  private open() {
    this.setState({ state: AmiConnectionState.Connecting });
    this.connectionError = undefined;
    this.parser = new AmiMessageParser();
    const socket = net.createConnection({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    socket.setNoDelay(true);
    const { connectTimeoutMs } = this.options;
    this.timers.connect = setTimeout(() => {
      this.drop(
        new AmiError("unavailable:ami_timeout", `AMI did not accept the login within ${connectTimeoutMs} ms`),
      );
    }, connectTimeoutMs);
    socket.on("data", (chunk: Buffer) => this.onData(socket, chunk));
    socket.on("error", (error) => {
      this.connectionError ??= new AmiError("unavailable:ami", `AMI connection failed: ${error.message}`, {
        cause: error,
      });
    });
    socket.on("close", () => this.onClose(socket));
  }

  private onData(socket: Socket, chunk: Buffer) {
    if (socket !== this.socket || !this.parser) return;
    this.armSilenceTimer();
    let frames: ReturnType<AmiMessageParser["push"]>;
    try {
      frames = this.parser.push(chunk);
    } catch (error) {
      this.drop(error instanceof AmiError ? error : new AmiError("unavailable:ami_protocol", String(error)));
      return;
    }
    for (const frame of frames) {
      if (socket.destroyed) return;
      if (frame.kind === "banner") {
        this.amiVersion = frame.version;
        this.loginId = this.nextActionId();
        socket.write(this.loginAction(this.loginId));
      } else {
        this.onMessage(frame.message);
      }
    }
  }

  private onMessage(message: AmiMessage) {
    // The login answer is handled synchronously so that "connected" is emitted before the
    // FullyBooted event that arrives in the same TCP read.
    if (message.type === "response" && this.loginId !== undefined && message.actionId === this.loginId) {
      this.loginId = undefined;
      this.onLoginAnswer(message);
      return;
    }
    if (!this.pending.route(message) && message.type === "event") this.emit("event", message);
  }

  private onLoginAnswer(response: AmiResponse) {
    if (response.response.toLowerCase() !== "success") {
      // Asterisk answers a wrong secret after ~1 s and then closes the socket. Reconnecting
      // would only repeat that, so the client stops and connect() rejects with this error.
      this.stopped = true;
      const text = headerValue(response, "Message")?.trim() || response.response;
      this.drop(
        new AmiError("unavailable:ami_login", `AMI refused the login: ${text}`, {
          action: "Login",
          response,
        }),
      );
      return;
    }
    clearTimeout(this.timers.connect);
    this.attempt = 0;
    this.setState({ state: AmiConnectionState.Connected });
    this.startKeepalive();
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private onClose(socket: Socket) {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.parser = undefined;
    this.loginId = undefined;
    clearTimeout(this.timers.connect);
    clearInterval(this.timers.keepalive);
    clearTimeout(this.timers.silence);
    const wasConnected = this.current === AmiConnectionState.Connected;
    const error =
      this.connectionError ??
      (this.closing
        ? undefined
        : new AmiError(
            "unavailable:ami",
            wasConnected ? "The AMI connection closed" : "AMI closed the connection",
          ));
    this.pending.rejectAll(
      (action, actionId) =>
        new AmiError("unavailable:ami", `${action} got no answer: the AMI connection closed`, {
          action,
          actionId,
          cause: error,
        }),
    );
    if (!this.stopped && this.options.reconnect) {
      const retryInMs = backoffDelay(this.attempt++, this.options.reconnect, this.options.random);
      this.timers.reconnect = setTimeout(() => {
        this.timers.reconnect = undefined;
        this.open();
      }, retryInMs);
      this.setState({ state: AmiConnectionState.Disconnected, error, retryInMs });
      return;
    }
    this.stopped = true;
    this.setState({ state: AmiConnectionState.Disconnected, error });
    this.rejectWaiters(
      error ?? new AmiError("unavailable:ami", "The AMI client was closed before it connected"),
    );
  }

  private send(action: string, actionId: string, raw: string, timeoutMs: number): Promise<AmiReply> {
    const reply = this.pending.add(action, actionId, timeoutMs);
    this.socket?.write(raw);
    return reply;
  }

  private startKeepalive() {
    const keepalive = this.options.keepalive;
    if (!keepalive) return;
    this.armSilenceTimer();
    this.timers.keepalive = setInterval(() => {
      // Only the traffic matters: the silence timer decides when the connection is dead.
      this.action("Ping", {}, { timeoutMs: keepalive.deadAfterMs }).catch(() => {});
    }, keepalive.intervalMs);
  }

  private armSilenceTimer() {
    const keepalive = this.options.keepalive;
    if (!keepalive || this.current !== AmiConnectionState.Connected) return;
    clearTimeout(this.timers.silence);
    this.timers.silence = setTimeout(() => {
      this.drop(new AmiError("unavailable:ami_timeout", `AMI sent nothing for ${keepalive.deadAfterMs} ms`));
    }, keepalive.deadAfterMs);
  }

  /** Ends the current socket; onClose then rejects what is pending and decides on a reconnect. */
  private drop(error: AmiError) {
    this.connectionError ??= error;
    this.socket?.destroy();
  }

  private loginAction(actionId: string): string {
    const { username, secret, events } = this.options;
    return serializeAction("Login", { Username: username, Secret: secret, Events: events }, actionId);
  }

  private nextActionId(): string {
    this.counter += 1;
    return `${this.options.actionIdPrefix}-${this.counter}`;
  }

  private setState(change: AmiStateChange) {
    this.current = change.state;
    this.emit("state", change);
  }

  private rejectWaiters(error: AmiError) {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
