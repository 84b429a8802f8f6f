import { afterEach, describe, expect, it, vi } from "vitest";
import { AmiClient } from "./ami-client";
import type { AmiClientOptions } from "./ami-client-options";
import { AmiConnectionState, type AmiStateChange } from "./connection-state";
import type { AmiEvent } from "./message";
import { BANNER, type FakeAmiHandlers, type FakeAmiServer, startFakeAmi } from "./testing/fake-ami-server";
import { loadTranscript, replaceActionId, repliesTo, type Transcript } from "./testing/transcript";

const IDLE = loadTranscript("01-idle-lists");
const CALL = loadTranscript("03-basic-call-answered");
const LOGIN_FAILURE = loadTranscript("00-login-failure");
const FULLY_BOOTED = recvWhere(IDLE, (raw) => raw.startsWith("Event: FullyBooted"))[0] ?? "";

const servers: FakeAmiServer[] = [];
const clients: AmiClient[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(clients.splice(0).map((client) => client.close()));
  vi.useRealTimers();
});

describe("AmiClient login", () => {
  it("sends the recorded Login bytes and reports connected before the FullyBooted that follows it", async () => {
    const server = await serve({
      onAction: (connection, action) =>
        connection.write(...recorded(IDLE, "login", action.actionId), FULLY_BOOTED),
    });
    const client = newClient(server, { actionIdPrefix: "sb-test" });
    const timeline: string[] = [];
    client.on("state", ({ state }) => timeline.push(`state:${state}`));
    client.on("event", (event) => timeline.push(`event:${event.event}`));
    await client.connect();
    await until(() => timeline.length === 3);
    expect(server.connections[0]?.actions[0]?.raw).toBe(
      "Action: Login\r\nUsername: admin\r\nSecret: amp111\r\nEvents: on\r\nActionID: sb-test-1\r\n\r\n",
    );
    expect(timeline).toEqual(["state:connecting", "state:connected", "event:FullyBooted"]);
    expect(client.amiVersion).toBe("11.0.0");
  });

  it("numbers ActionIDs sb-<pid>-<n> by default", async () => {
    const server = await serve(answering(IDLE, { Login: "login", Ping: "idle-Ping" }));
    const client = newClient(server);
    await client.connect();
    const { response } = await client.action("Ping");
    expect(response.fields.Ping).toBe("Pong");
    expect(server.connections[0]?.actions.map((a) => a.actionId)).toEqual([
      `sb-${process.pid}-1`,
      `sb-${process.pid}-2`,
    ]);
  });

  it("00: a refused login rejects connect() with unavailable:ami_login and never retries", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve({
      onAction(connection, action) {
        // As recorded: Response: Error / Authentication failed, then Asterisk closes the socket.
        connection.write(...recorded(LOGIN_FAILURE, "login-wrong-secret", action.actionId));
        connection.socket.end();
      },
    });
    const client = newClient(server, { secret: "wrong-secret" });
    const states = recordStates(client);
    await expect(client.connect()).rejects.toMatchObject({
      code: "unavailable:ami_login",
      message: "AMI refused the login: Authentication failed",
    });
    expect(server.connections[0]?.actions[0]?.raw).toBe(
      replaceActionId(
        sendOf(LOGIN_FAILURE, "login-wrong-secret"),
        "login-wrong-secret",
        `sb-${process.pid}-1`,
      ),
    );
    expect(states.map((s) => [s.state, s.error?.code, s.retryInMs])).toEqual([
      ["connecting", undefined, undefined],
      ["disconnected", "unavailable:ami_login", undefined],
    ]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.connections).toHaveLength(1);
    await expect(client.action("Ping")).rejects.toMatchObject({ code: "unavailable:ami" });
    await expect(client.connect()).rejects.toMatchObject({ code: "unavailable:ami" });
  });

  it("drops a peer that does not greet as AMI", async () => {
    const server = await serve({ onConnection: (connection) => connection.write("SSH-2.0-OpenSSH_9.6\r\n") });
    const client = newClient(server, { reconnect: false });
    await expect(client.connect()).rejects.toMatchObject({ code: "unavailable:ami_protocol" });
  });

  it("gives up an attempt after connectTimeoutMs without a banner, then retries", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve({ onConnection: () => {} });
    const client = newClient(server, { connectTimeoutMs: 3_000, random: () => 0 });
    const states = recordStates(client);
    void client.connect().catch(() => {});
    await until(() => server.connections.length === 1);
    vi.advanceTimersByTime(2_999);
    expect(states.map((s) => s.state)).toEqual(["connecting"]);
    vi.advanceTimersByTime(1);
    await until(() => states.length === 2);
    expect(states[1]).toMatchObject({
      state: "disconnected",
      error: { code: "unavailable:ami_timeout" },
      retryInMs: 125,
    });
  });
});

describe("AmiClient actions", () => {
  it("refuses to send before it is connected", async () => {
    const client = newClient({ port: 1 } as FakeAmiServer);
    await expect(client.action("Ping")).rejects.toMatchObject({ code: "unavailable:ami" });
  });

  it.each([
    ["a CR in a value", { Channel: "PJSIP/1001\rx" }],
    ["a LF in a value", { Channel: "PJSIP/1001\nAction: Originate" }],
    ["a CRLF in a value", { CallerID: "x\r\nAction: Originate\r\nChannel: PJSIP/1002" }],
    ["a NUL in a value", { Channel: "PJSIP/1001\0" }],
    ["a CR in a key", { "Chan\rnel": "PJSIP/1001" }],
    ["a LF in a key", { "Chan\nnel": "PJSIP/1001" }],
    ["a NUL in a key", { "Chan\0nel": "PJSIP/1001" }],
  ])("rejects %s with bad_request:ami_header and writes nothing", async (_, headers) => {
    const server = await serve(answering(IDLE, { Login: "login", Ping: "idle-Ping" }));
    const client = newClient(server);
    await client.connect();
    const connection = server.connections[0];
    const before = connection?.received;
    await expect(client.action("Hangup", headers)).rejects.toMatchObject({ code: "bad_request:ami_header" });
    expect(connection?.received).toBe(before);
    // The connection is still in order: the next action goes out and is answered.
    await client.action("Ping");
    expect(connection?.actions.map((a) => a.name)).toEqual(["Login", "Ping"]);
  });

  it("collects two concurrent list actions, each with only its own items; same-named live events stay live", async () => {
    const extensionItems = repliesTo(CALL, "snap-ExtensionStateList");
    const deviceItems = repliesTo(CALL, "snap-DeviceStateList");
    const liveSameNames = recvWhere(
      CALL,
      (raw) => /^Event: (ExtensionStatus|DeviceStateChange)\r\n/.test(raw) && !raw.includes("ActionID:"),
    );
    expect(liveSameNames.length).toBeGreaterThan(0);
    const server = await serve({
      onAction(connection, action) {
        if (action.name === "Login") return connection.write(...recorded(CALL, "login", action.actionId));
        const [first, second] = connection.actions.slice(1);
        if (!first || !second) return; // answer once both are in
        const lists = [first, second].map((a) =>
          (a.name === "ExtensionStateList" ? extensionItems : deviceItems).map((raw) =>
            replaceActionId(raw, actionIdOfRaw(raw), a.actionId),
          ),
        );
        // Interleave both lists message by message, with live events in between, in one write.
        connection.write(...interleave(lists[0] ?? [], lists[1] ?? [], liveSameNames));
      },
    });
    const client = newClient(server);
    const live: AmiEvent[] = [];
    client.on("event", (event) => live.push(event));
    await client.connect();
    const [extensions, devices] = await Promise.all([
      client.action("ExtensionStateList"),
      client.action("DeviceStateList"),
    ]);

    expect(extensions.events.length).toBe(extensionItems.length - 2);
    expect(new Set(extensions.events.map((e) => e.event))).toEqual(new Set(["ExtensionStatus"]));
    expect(extensions.complete?.event).toBe("ExtensionStateListComplete");
    expect(extensions.complete?.fields.ListItems).toBe(String(extensions.events.length));
    expect(devices.events.length).toBe(deviceItems.length - 2);
    expect(new Set(devices.events.map((e) => e.event))).toEqual(new Set(["DeviceStateChange"]));
    expect(devices.complete?.fields.ListItems).toBe(String(devices.events.length));
    expect(live.map((e) => e.fields)).toEqual(
      liveSameNames.map((raw) => expect.objectContaining(fieldsOf(raw))),
    );
    expect(live.every((e) => e.actionId === undefined)).toBe(true);
  });

  it("times an unanswered action out after actionTimeoutMs (default 10 s) and swallows its late list", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve(answering(IDLE, { Login: "login", Ping: "idle-Ping" }));
    const client = newClient(server);
    const live: AmiEvent[] = [];
    client.on("event", (event) => live.push(event));
    await client.connect();
    let settled = false;
    const status = client.action("QueueStatus").finally(() => {
      settled = true;
    });
    status.catch(() => {});
    await until(() => server.connections[0]?.actions.length === 2);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(status).rejects.toMatchObject({ code: "unavailable:ami_timeout", action: "QueueStatus" });

    // Asterisk answers late: the items must not surface as live events.
    const late = server.connections[0]?.actions[1]?.actionId ?? "";
    server.connections[0]?.write(...recorded(IDLE, "idle-QueueStatus", late), FULLY_BOOTED);
    await until(() => live.length === 1);
    expect(live.map((e) => e.event)).toEqual(["FullyBooted"]);
    await expect(client.action("Ping", {}, { timeoutMs: 50 })).resolves.toMatchObject({
      response: { fields: { Ping: "Pong" } },
    });
  });

  it("rejects every pending action when the connection drops, then reconnects and works again", async () => {
    const server = await serve({
      onAction(connection, action) {
        if (action.name === "Login") connection.write(...recorded(IDLE, "login", action.actionId));
        else if (action.name === "Ping") connection.write(...recorded(IDLE, "idle-Ping", action.actionId));
        else if (connection.actions.length === 3) connection.socket.destroy();
      },
    });
    const client = newClient(server, { reconnect: { initialDelayMs: 5, maxDelayMs: 5 } });
    const states = recordStates(client);
    await client.connect();
    const results = await Promise.allSettled([
      client.action("CoreShowChannels"),
      client.action("QueueStatus"),
    ]);
    expect(results).toEqual([
      {
        status: "rejected",
        reason: expect.objectContaining({ code: "unavailable:ami", action: "CoreShowChannels" }),
      },
      {
        status: "rejected",
        reason: expect.objectContaining({ code: "unavailable:ami", action: "QueueStatus" }),
      },
    ]);
    await until(() => client.state === AmiConnectionState.Connected && server.connections.length === 2);
    await expect(client.action("Ping")).resolves.toBeDefined();
    expect(states.map((s) => s.state)).toEqual([
      "connecting",
      "connected",
      "disconnected",
      "connecting",
      "connected",
    ]);
    expect(states[2]).toMatchObject({ error: { code: "unavailable:ami" }, retryInMs: expect.any(Number) });
  });
});

describe("AmiClient reconnect and keepalive", () => {
  it("backs off exponentially from 250 ms to 5 s with jitter, and starts over after a login", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    let refuse = 7;
    const server = await serve({
      onConnection(connection) {
        if (refuse-- > 0) connection.socket.destroy();
        else connection.write(BANNER);
      },
      onAction: (connection, action) => connection.write(...recorded(IDLE, "login", action.actionId)),
    });
    // random 0.5: each wait is three quarters of the nominal 250, 500, 1000, ... 5000 ms.
    const client = newClient(server, { random: () => 0.5 });
    const states = recordStates(client);
    const connected = client.connect();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      await until(() => states.at(-1)?.state === "disconnected");
      const wait = states.at(-1)?.retryInMs ?? -1;
      waits.push(wait);
      vi.advanceTimersByTime(wait - 1);
      expect(states.at(-1)?.state).toBe("disconnected");
      vi.advanceTimersByTime(1);
      expect(states.at(-1)?.state).toBe("connecting");
    }
    await connected;
    expect(waits).toEqual([188, 375, 750, 1500, 3000, 3750, 3750]);
    expect(states.every((s) => s.state !== "disconnected" || s.error?.code === "unavailable:ami")).toBe(true);

    server.connections.at(-1)?.socket.destroy();
    await until(() => states.at(-1)?.state === "disconnected");
    expect(states.at(-1)?.retryInMs).toBe(188);
  });

  it("pings every intervalMs, and traffic keeps the connection alive past deadAfterMs", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve({
      onAction(connection, action) {
        if (action.name === "Login") connection.write(...recorded(IDLE, "login", action.actionId));
        // The FullyBooted after each Pong lets the test see that the client has read the Pong.
        if (action.name === "Ping")
          connection.write(...recorded(IDLE, "idle-Ping", action.actionId), FULLY_BOOTED);
      },
    });
    const client = newClient(server, { keepalive: { intervalMs: 5_000, deadAfterMs: 10_000 } });
    let seen = 0;
    client.on("event", () => {
      seen += 1;
    });
    await client.connect();
    for (let ping = 1; ping <= 5; ping++) {
      vi.advanceTimersByTime(5_000);
      await until(() => seen === ping);
    }
    expect(server.connections[0]?.actions.filter((a) => a.name === "Ping")).toHaveLength(5);
    expect(client.state).toBe("connected");
    expect(server.connections).toHaveLength(1);
  });

  it("drops a connection that has been silent for deadAfterMs and reconnects", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve({
      onAction(connection, action) {
        if (action.name === "Login") connection.write(...recorded(IDLE, "login", action.actionId));
      },
    });
    const client = newClient(server, {
      keepalive: { intervalMs: 5_000, deadAfterMs: 10_000 },
      random: () => 0,
    });
    const states = recordStates(client);
    await client.connect();
    vi.advanceTimersByTime(9_999);
    expect(client.state).toBe("connected");
    vi.advanceTimersByTime(1);
    await until(() => states.at(-1)?.state === "disconnected");
    expect(states.at(-1)).toMatchObject({ error: { code: "unavailable:ami_timeout" }, retryInMs: 125 });
    vi.advanceTimersByTime(125);
    await until(() => client.state === AmiConnectionState.Connected);
    expect(server.connections).toHaveLength(2);
  });
});

describe("AmiClient close", () => {
  it("logs off, ends the socket, rejects what is pending and leaves no timer or reconnect behind", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    const server = await serve({
      onAction(connection, action) {
        if (action.name === "Login") connection.write(...recorded(IDLE, "login", action.actionId));
        if (action.name === "Logoff") {
          connection.write(...recorded(IDLE, "logoff", action.actionId));
          connection.socket.end();
        }
      },
    });
    const client = newClient(server, { keepalive: { intervalMs: 5_000, deadAfterMs: 10_000 } });
    const states = recordStates(client);
    await client.connect();
    const unanswered = client.action("QueueStatus");
    unanswered.catch(() => {});
    await client.close();

    const connection = server.connections[0];
    expect(connection?.actions.map((a) => a.name)).toEqual(["Login", "QueueStatus", "Logoff"]);
    expect(connection?.actions[2]?.raw).toBe(`Action: Logoff\r\nActionID: sb-${process.pid}-3\r\n\r\n`);
    await expect(unanswered).rejects.toMatchObject({ code: "unavailable:ami" });
    expect(states.at(-1)).toEqual({ state: "disconnected" });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.connections).toHaveLength(1);
    await expect(client.action("Ping")).rejects.toMatchObject({ code: "unavailable:ami" });
    await expect(client.close()).resolves.toBeUndefined();
  });

  it("rejects a connect() still waiting when close() is called", async () => {
    const server = await serve({ onConnection: () => {} });
    const client = newClient(server);
    const connecting = client.connect();
    await until(() => server.connections.length === 1);
    await client.close();
    await expect(connecting).rejects.toMatchObject({ code: "unavailable:ami" });
  });
});

async function serve(handlers: FakeAmiHandlers): Promise<FakeAmiServer> {
  const server = await startFakeAmi(handlers);
  servers.push(server);
  return server;
}

function newClient(server: FakeAmiServer, options: Partial<AmiClientOptions> = {}): AmiClient {
  const client = new AmiClient({
    host: "127.0.0.1",
    port: server.port,
    username: "admin",
    secret: "amp111",
    ...options,
  });
  clients.push(client);
  return client;
}

function recordStates(client: AmiClient): AmiStateChange[] {
  const states: AmiStateChange[] = [];
  client.on("state", (change) => states.push(change));
  return states;
}

/** A server that answers each action name with the recorded reply to the given recorded ActionID. */
function answering(transcript: Transcript, answers: Record<string, string>): FakeAmiHandlers {
  return {
    onAction(connection, action) {
      const recordedId = answers[action.name];
      if (recordedId) connection.write(...recorded(transcript, recordedId, action.actionId));
    },
  };
}

/** The recorded reply (response, list items, Complete) to `recordedId`, re-addressed to `clientId`. */
function recorded(transcript: Transcript, recordedId: string, clientId: string): string[] {
  const raws = repliesTo(transcript, recordedId);
  if (raws.length === 0) throw new Error(`no recorded reply to ${recordedId} in ${transcript.name}`);
  return raws.map((raw) => replaceActionId(raw, recordedId, clientId));
}

function sendOf(transcript: Transcript, actionId: string): string {
  const line = transcript.lines.find((l) => l.dir === "send" && l.raw.includes(`ActionID: ${actionId}\r\n`));
  if (!line) throw new Error(`no recorded action ${actionId}`);
  return line.raw;
}

function recvWhere(transcript: Transcript, match: (raw: string) => boolean): string[] {
  return transcript.lines.filter((l) => l.dir === "recv" && match(l.raw)).map((l) => l.raw);
}

function actionIdOfRaw(raw: string): string {
  return /\r\nActionID: ([^\r\n]*)\r\n/.exec(raw)?.[1] ?? "";
}

function fieldsOf(raw: string): Record<string, string> {
  return Object.fromEntries(
    raw
      .slice(0, -4)
      .split("\r\n")
      .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]),
  );
}

/** a0 b0 c0 a1 b1 c1 ...: the order each list keeps, but the lists mixed. */
function interleave(...lists: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(...lists.map((l) => l.length)); i++) {
    for (const list of lists) if (list[i] !== undefined) out.push(list[i] ?? "");
  }
  return out;
}

/** Polls on setImmediate (never faked here) until the socket traffic has caught up. */
async function until(predicate: () => boolean, timeoutMs = 5_000) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
