import net from "node:net";

/**
 * A TCP relay in front of a server, so a test can cut every connection through it at once (the
 * browsers' SIP WebSockets) while the server itself keeps running, as a network drop would.
 */
export class TcpRelay {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  /** Connections accepted so far (a reconnecting client adds one). */
  accepted = 0;

  constructor(
    private readonly listenPort: number,
    private readonly targetPort: number,
    private readonly host = "127.0.0.1",
  ) {
    this.server = net.createServer((client) => {
      this.accepted++;
      const upstream = net.connect(this.targetPort, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.listenPort, this.host, () => resolve());
    });
  }

  /** Drops every open connection (both directions); new ones are still accepted. */
  cut(): number {
    const n = this.sockets.size;
    for (const s of this.sockets) s.destroy();
    return n;
  }

  stop(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
