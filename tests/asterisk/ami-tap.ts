import net from "node:net";
import { asterisk } from "./env";

export type AmiEvent = Record<string, string>;

/** An action's answer: its Response message, and for list actions every item up to `…Complete`. */
export type AmiTapReply = { response: AmiEvent; items: AmiEvent[] };

type Pending = {
  response: AmiEvent | null;
  items: AmiEvent[];
  resolve: (reply: AmiTapReply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * A bare AMI session that records every event, for tests that need to see what Asterisk saw
 * (DTMF, Hold, BridgeEnter, queue events), and sends the odd action (Originate, QueueStatus).
 * Messages end at CRLF CRLF only (Asterisk puts bare LFs in values).
 */
export class AmiTap {
  readonly events: AmiEvent[] = [];
  private socket: net.Socket | null = null;
  private readonly pending = new Map<string, Pending>();
  private nextId = 0;

  async connect(): Promise<void> {
    const { host, port, username, secret } = asterisk.ami;
    const socket = net.connect(port, host);
    this.socket = socket;
    let buffer = "";
    let loggedIn: (ok: boolean) => void = () => {};
    const login = new Promise<boolean>((resolve) => {
      loggedIn = resolve;
    });
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf("\r\n\r\n"); i >= 0; i = buffer.indexOf("\r\n\r\n")) {
        const raw = buffer.slice(0, i);
        buffer = buffer.slice(i + 4);
        const msg: AmiEvent = {};
        for (const line of raw.split("\r\n")) {
          const colon = line.indexOf(":");
          if (colon > 0) msg[line.slice(0, colon)] = line.slice(colon + 1).trim();
        }
        if (msg.ActionID === "tap-login") loggedIn(msg.Response === "Success");
        else if (msg.ActionID && this.pending.has(msg.ActionID)) this.reply(msg.ActionID, msg);
        else if (msg.Event) this.events.push(msg);
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("error", reject);
    });
    socket.write(
      `Action: Login\r\nActionID: tap-login\r\nUsername: ${username}\r\nSecret: ${secret}\r\nEvents: on\r\n\r\n`,
    );
    if (!(await login)) throw new Error("AMI login refused");
  }

  /**
   * Sends one action and resolves with its answer (list actions: after `EventList: Complete`).
   * An `Error` response rejects with Asterisk's message. Values are the test's own, never input.
   */
  action(name: string, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<AmiTapReply> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error("AmiTap is not connected"));
    const id = `tap-${++this.nextId}`;
    const lines = [
      `Action: ${name}`,
      `ActionID: ${id}`,
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    if (lines.some((l) => /[\r\n\0]/.test(l))) return Promise.reject(new Error("CR, LF or NUL in a header"));
    return new Promise<AmiTapReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`AMI ${name} got no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { response: null, items: [], resolve, reject, timer });
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
    });
  }

  /** Events since `from` (an index into `events`) matching every given header. */
  find(match: Record<string, string | RegExp>, from = 0): AmiEvent[] {
    return this.events
      .slice(from)
      .filter((e) =>
        Object.entries(match).every(([k, v]) => (typeof v === "string" ? e[k] === v : v.test(e[k] ?? ""))),
      );
  }

  close(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error("AmiTap closed"));
    }
    this.pending.clear();
    this.socket?.end("Action: Logoff\r\n\r\n");
    this.socket?.destroy();
  }

  private reply(id: string, msg: AmiEvent): void {
    const p = this.pending.get(id)!;
    const done = (error?: Error) => {
      clearTimeout(p.timer);
      this.pending.delete(id);
      if (error) p.reject(error);
      else p.resolve({ response: p.response ?? msg, items: p.items });
    };
    if (msg.Response) {
      p.response = msg;
      if (msg.Response === "Error") done(new Error(`AMI ${msg.Message ?? "error"}`));
      // A list action answers "Success" with EventList: start; its items follow.
      else if (msg.EventList !== "start") done();
    } else if (msg.EventList === "Complete") done();
    else p.items.push(msg);
  }
}
