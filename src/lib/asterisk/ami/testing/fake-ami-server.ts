import net, { type Server, type Socket } from "node:net";
import { splitHeaders } from "./transcript";

export const BANNER = "Asterisk Call Manager/11.0.0\r\n";

/** One action as the fake server read it off the socket. */
export type ReceivedAction = { raw: string; name: string; actionId: string; headers: [string, string][] };

/** The server side of one client connection. */
export class FakeAmiConnection {
  /** Every byte the client wrote, as text: proves what was (not) sent. */
  received = "";
  readonly actions: ReceivedAction[] = [];
  private pending = "";

  constructor(readonly socket: Socket) {}

  write(...raws: string[]) {
    if (!this.socket.destroyed) this.socket.write(raws.join(""));
  }

  /** Takes bytes from the client; returns the actions they completed. */
  take(chunk: string): ReceivedAction[] {
    this.received += chunk;
    this.pending += chunk;
    const done: ReceivedAction[] = [];
    for (let end = this.pending.indexOf("\r\n\r\n"); end !== -1; end = this.pending.indexOf("\r\n\r\n")) {
      const raw = this.pending.slice(0, end + 4);
      this.pending = this.pending.slice(end + 4);
      const headers = splitHeaders(raw);
      const get = (key: string) => headers.find(([k]) => k.toLowerCase() === key)?.[1] ?? "";
      const action = { raw, headers, name: get("action"), actionId: get("actionid") };
      this.actions.push(action);
      done.push(action);
    }
    return done;
  }
}

export type FakeAmiHandlers = {
  /** Runs when a client connects; the default sends the banner. */
  onConnection?: (connection: FakeAmiConnection) => void;
  onAction?: (connection: FakeAmiConnection, action: ReceivedAction) => void;
};

export type FakeAmiServer = {
  port: number;
  connections: FakeAmiConnection[];
  close: () => Promise<void>;
};

/** A TCP server on 127.0.0.1 and a free port that plays Asterisk's side as the handlers say. */
export async function startFakeAmi(handlers: FakeAmiHandlers = {}): Promise<FakeAmiServer> {
  const connections: FakeAmiConnection[] = [];
  const server: Server = net.createServer((socket) => {
    const connection = new FakeAmiConnection(socket);
    connections.push(connection);
    socket.setEncoding("utf8");
    socket.on("error", () => {});
    socket.on("data", (chunk: string) => {
      for (const action of connection.take(chunk)) handlers.onAction?.(connection, action);
    });
    if (handlers.onConnection) handlers.onConnection(connection);
    else connection.write(BANNER);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return {
    port: address.port,
    connections,
    close: async () => {
      for (const connection of connections) connection.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
