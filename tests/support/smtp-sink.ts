import { once } from "node:events";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";

export type SunkMail = { from: string; to: string[]; data: string };

export type SmtpSink = {
  port: number;
  messages: SunkMail[];
  /** Resolves with the first message matching `match`, or rejects after `timeoutMs`. */
  waitFor: (match: (m: SunkMail) => boolean, timeoutMs?: number) => Promise<SunkMail>;
  close: () => Promise<void>;
};

/**
 * A local SMTP server that accepts everything and keeps it in memory, so tests never talk to a
 * real mail server. It speaks just enough SMTP for nodemailer: 220 greeting, EHLO/HELO, MAIL,
 * RCPT, DATA (dot-terminated, with dot-unstuffing), RSET, NOOP and QUIT. No TLS, no AUTH.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let envelope: { from: string; to: string[] } = { from: "", to: [] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP test sink");

    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let at = buffer.indexOf("\r\n");
      while (at !== -1) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            messages.push({ ...envelope, data: data.join("\r\n") });
            envelope = { from: "", to: [] };
            reply("250 2.0.0 queued");
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
        } else {
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO") socket.write("250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
          else if (verb === "HELO") reply("250 sink.test");
          else if (verb === "MAIL") {
            envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? "";
            reply("250 2.1.0 ok");
          } else if (verb === "RCPT") {
            envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
            reply("250 2.1.5 ok");
          } else if (verb === "DATA") {
            inData = true;
            data = [];
            reply("354 end with <CRLF>.<CRLF>");
          } else if (verb === "RSET") {
            envelope = { from: "", to: [] };
            reply("250 ok");
          } else if (verb === "NOOP") reply("250 ok");
          else if (verb === "QUIT") {
            reply("221 bye");
            socket.end();
          } else reply("502 5.5.2 command not implemented");
        }
        at = buffer.indexOf("\r\n");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");

  return {
    port: (server.address() as AddressInfo).port,
    messages,
    waitFor: async (match, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = messages.find(match);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching message within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
