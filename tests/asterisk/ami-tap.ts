import net from "node:net";
import { asterisk } from "./env";

export type AmiEvent = Record<string, string>;

/**
 * A bare AMI session that records every event, for tests that need to see what Asterisk saw
 * (DTMF, Hold, BridgeEnter). Messages end at CRLF CRLF only (Asterisk puts bare LFs in values).
 */
export class AmiTap {
  readonly events: AmiEvent[] = [];
  private socket: net.Socket | null = null;

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

  /** Events since `from` (an index into `events`) matching every given header. */
  find(match: Record<string, string | RegExp>, from = 0): AmiEvent[] {
    return this.events
      .slice(from)
      .filter((e) =>
        Object.entries(match).every(([k, v]) => (typeof v === "string" ? e[k] === v : v.test(e[k] ?? ""))),
      );
  }

  close(): void {
    this.socket?.end("Action: Logoff\r\n\r\n");
    this.socket?.destroy();
  }
}
