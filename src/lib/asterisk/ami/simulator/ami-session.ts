import type { Socket } from "node:net";
import type { ReceivedAction } from "./action-log";
import { ActionReader, headerOf, type ParsedAction } from "./action-reader";
import { error, idHeader } from "./list-format";
import type { SimEvent } from "./sim-world";
import { asteriskTimestamp, formatMessage } from "./wire-format";

export const BANNER = "Asterisk Call Manager/11.0.0\r\n";

/** What to write back for one action, and what to do once it is written. */
export type Reply = {
  text: string;
  /** World changes whose events must follow the response (a Hangup's Hangup events, …). */
  after?: () => void;
};

/** What a session needs from the simulator around it. */
export type SessionHost = {
  readonly username: string;
  readonly secret: string;
  /** Asterisk answers a wrong secret after about 1 s (00-login-failure). */
  readonly loginFailureDelayMs: number;
  /** A session that lets this much output pile up is dropped, like Asterisk's writetimeout. */
  readonly maxBufferedBytes: number;
  uptimeSeconds(): number;
  now(): number;
  record(session: AmiSession, parsed: ParsedAction): ReceivedAction;
  /** Any action of a logged-in session that the session itself does not handle. */
  handle(session: AmiSession, action: ReceivedAction): Reply | Promise<Reply>;
  warn(message: string, details?: Record<string, unknown>): void;
  closed(session: AmiSession): void;
};

type EventMask = "all" | "none" | Set<string>;

/**
 * One AMI connection: banner, Login (plaintext), then actions handled strictly one after the
 * other, as Asterisk runs one thread per session. Events go out only after a good login and
 * only in the classes asked for with `Events:` (on, off, or a list such as call,agent,system).
 */
export class AmiSession {
  authenticated = false;
  username = "";
  private mask: EventMask = "all";
  private readonly reader = new ActionReader();
  private chain: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    socket.setEncoding("utf8");
    socket.setNoDelay(true);
    socket.on("data", (chunk: string) => this.onData(chunk));
    socket.on("error", () => {});
    socket.on("close", () => host.closed(this));
    this.write(BANNER);
  }

  get remote(): string {
    return `${this.socket.remoteAddress ?? "?"}:${this.socket.remotePort ?? "?"}`;
  }

  sendEvent(event: SimEvent): void {
    if (!this.authenticated || this.closing || !this.wants(event.privilege)) return;
    this.write(event.raw);
  }

  write(text: string): void {
    if (this.socket.destroyed) return;
    if (this.socket.writableLength > this.host.maxBufferedBytes) {
      this.host.warn("dropping a session that does not read its events", {
        session: this.id,
        buffered: this.socket.writableLength,
      });
      this.socket.destroy();
      return;
    }
    this.socket.write(text);
  }

  close(): void {
    this.closing = true;
    this.socket.end();
  }

  private onData(chunk: string) {
    for (const parsed of this.reader.push(chunk)) {
      const action = this.host.record(this, parsed);
      this.chain = this.chain
        .then(() => this.process(action))
        .catch((err) => {
          this.host.warn("action failed", { session: this.id, action: action.name, error: String(err) });
        });
    }
  }

  private async process(action: ReceivedAction) {
    if (this.closing || this.socket.destroyed) return;
    const id = action.actionId;
    const name = action.name.toLowerCase();
    const get = (key: string) => headerOf(action.headers, key);
    if (!name) return this.write(error(id, "Missing action in request"));
    if (name === "login") return this.login(id, get);
    if (name === "logoff") {
      this.write(
        reply(id, [
          ["Response", "Goodbye"],
          ["Message", "Thanks for all the fish."],
        ]),
      );
      return this.close();
    }
    if (!this.authenticated) return this.write(error(id, "Permission denied"));
    if (name === "ping") {
      return this.write(
        reply(id, [
          ["Response", "Success"],
          ["Ping", "Pong"],
          ["Timestamp", asteriskTimestamp(this.host.now())],
        ]),
      );
    }
    if (name === "events") {
      this.mask = parseMask(get("EventMask"));
      return this.write(
        reply(id, [
          ["Response", "Success"],
          ["Events", this.mask === "none" ? "Off" : "On"],
        ]),
      );
    }
    const result = await this.host.handle(this, action);
    this.write(result.text);
    result.after?.();
  }

  private async login(id: string, get: (key: string) => string) {
    if (get("Username") !== this.host.username || get("Secret") !== this.host.secret) {
      await new Promise((resolve) => setTimeout(resolve, this.host.loginFailureDelayMs));
      this.write(error(id, "Authentication failed"));
      this.close();
      return;
    }
    this.authenticated = true;
    this.username = get("Username");
    this.mask = get("Events") ? parseMask(get("Events")) : "all";
    this.write(
      reply(id, [
        ["Response", "Success"],
        ["Message", "Authentication accepted"],
      ]),
    );
    if (this.wants("system,all")) {
      const uptime = String(this.host.uptimeSeconds());
      this.write(
        formatMessage([
          ["Event", "FullyBooted"],
          ["Privilege", "system,all"],
          ["Uptime", uptime],
          ["LastReload", uptime],
          ["Status", "Fully Booted"],
        ]),
      );
    }
  }

  private wants(privilege: string): boolean {
    if (this.mask === "all") return true;
    if (this.mask === "none") return false;
    const mask = this.mask;
    return privilege.split(",").some((cls) => cls !== "all" && mask.has(cls));
  }
}

/** `Response:` first, then ActionID, then the rest: the order every Asterisk reply has. */
export function reply(id: string, headers: [string, string][]): string {
  const [first, ...rest] = headers;
  return formatMessage([...(first ? [first] : []), ...idHeader(id), ...rest]);
}

function parseMask(value: string): EventMask {
  const v = value.trim().toLowerCase();
  if (v === "" || v === "on" || v === "yes" || v === "true" || v === "all") return "all";
  if (v === "off" || v === "no" || v === "false") return "none";
  return new Set(v.split(",").map((s) => s.trim()));
}
