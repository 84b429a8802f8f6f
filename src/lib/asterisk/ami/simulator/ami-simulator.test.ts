import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AmiClient } from "../ami-client";
import { isEmptyListError } from "../ami-error";
import type { AmiEvent } from "../message";
import { loadTranscript } from "../testing/transcript";
import { type AmiSimulator, type AmiSimulatorOptions, startAmiSimulator } from "./ami-simulator";

/**
 * The simulator against the app's real AmiClient and the recorded Asterisk 22.10.1 sessions.
 * Its world mirrors the recording machine: phones 1001-1005, a ringall queue with 1001 and 1002
 * (the recordings' testq) and an rrmemory queue with 1002, 1004, 1005 (rrq), so each state
 * change raises as many QueueMemberStatus events as on the real Asterisk.
 */
const RECORDED_WORLD: AmiSimulatorOptions = {
  extensions: 5,
  firstExtension: 1001,
  queues: [
    { number: "5001", strategy: "rrmemory", members: ["1002", "1004", "1005"] },
    { number: "5000", strategy: "ringall", members: ["1001", "1002"] },
  ],
  seed: 7,
  loginFailureDelayMs: 20,
  actionTiming: { answerMs: 20, ringMs: 20, talkMs: null },
};

/** Events a production user filters out, and the login's own FullyBooted. */
const NOT_COMPARED = new Set([
  "VarSet",
  "Newexten",
  "CEL",
  "RTCPSent",
  "RTCPReceived",
  "SuccessfulAuth",
  "ChallengeSent",
  "DTMFBegin",
  "DTMFEnd",
  "FullyBooted",
]);

const sims: AmiSimulator[] = [];
const clients: AmiClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

describe("AMI simulator: protocol", () => {
  it("greets with the Asterisk 22 banner and logs the real AmiClient in", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    expect(client.amiVersion).toBe("11.0.0");
    const { response } = await client.action("Ping");
    expect(response.fields.Ping).toBe("Pong");
    expect(events.map((e) => e.event)).toEqual(["FullyBooted"]);
  });

  it("refuses a wrong secret with Authentication failed and closes, as 00-login-failure", async () => {
    const sim = await start();
    const client = new AmiClient({ ...clientOptions(sim), secret: "wrong", reconnect: false });
    clients.push(client);
    await expect(client.connect()).rejects.toMatchObject({
      code: "unavailable:ami_login",
      message: "AMI refused the login: Authentication failed",
    });
  });

  it("answers Permission denied before login, unknown actions like Asterisk, Goodbye on Logoff", async () => {
    const sim = await start();
    const raw = await rawSession(sim.port);
    await raw.until((text) => text === "Asterisk Call Manager/11.0.0\r\n");
    raw.send("Action: CoreShowChannels\r\nActionID: early\r\n\r\n");
    await raw.until((text) => text.includes("early"));
    expect(raw.text()).toContain("Response: Error\r\nActionID: early\r\nMessage: Permission denied\r\n\r\n");
    raw.send(
      "Action: Login\r\nUsername: switchboard\r\nSecret: switchboard\r\nEvents: off\r\nActionID: login\r\n\r\n",
    );
    raw.send("Action: NoSuchAction\r\nActionID: nope\r\n\r\n");
    raw.send("Action: Logoff\r\nActionID: bye\r\n\r\n");
    await raw.closed;
    expect(raw.text()).toContain(
      "Response: Success\r\nActionID: login\r\nMessage: Authentication accepted\r\n\r\n",
    );
    expect(raw.text()).toContain(
      "Response: Error\r\nActionID: nope\r\nMessage: Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.\r\n\r\n",
    );
    expect(raw.text()).toMatch(
      /Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n$/,
    );
    // Events: off means no FullyBooted and no RequestBadFormat.
    expect(raw.text()).not.toContain("Event:");
    expect(sim.actions.map((a) => a.name)).toEqual(["CoreShowChannels", "Login", "NoSuchAction", "Logoff"]);
    expect(sim.actions[1]?.headers).toContainEqual(["Secret", "********"]);
  });

  it("broadcasts every event to every logged-in session", async () => {
    const sim = await start();
    const a = await connect(sim);
    const b = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1003", ringMs: 10, talkMs: 10 });
    await run.done;
    await until(() => b.events.length === a.events.length && a.events.at(-1)?.event === "QueueMemberStatus");
    expect(b.events.map((e) => e.event)).toEqual(a.events.map((e) => e.event));
  });
});

describe("AMI simulator: list actions in Asterisk 22's shapes", () => {
  it("lists idle state with the recorded item layouts and the world's counts", async () => {
    const sim = await start();
    const { client } = await connect(sim);
    const hints = await client.action("ExtensionStateList");
    expect(hints.response.fields.Message).toBe("Extension Statuses will follow");
    // 5 phones, conference 800, parking 701-720.
    expect(hints.events).toHaveLength(26);
    expect(hints.complete?.fields.ListItems).toBe("26");
    expect(keys(hints.events[0])).toEqual(
      recordedKeys("03-basic-call-answered", "ExtensionStatus", "start-"),
    );
    expect(hints.events.find((e) => e.fields.Exten === "1001")?.fields).toMatchObject({
      Context: "sb-internal",
      Hint: "PJSIP/1001",
      Status: "0",
      StatusText: "Idle",
    });
    const devices = await client.action("DeviceStateList");
    expect(keys(devices.events[0])).toEqual(
      recordedKeys("03-basic-call-answered", "DeviceStateChange", "start-"),
    );
    const queues = await client.action("QueueStatus");
    expect(keys(queues.events.find((e) => e.event === "QueueParams"))).toEqual(
      recordedKeys("03-basic-call-answered", "QueueParams", "start-"),
    );
    expect(keys(queues.events.find((e) => e.event === "QueueMember"))).toEqual(
      recordedKeys("03-basic-call-answered", "QueueMember", "start-"),
    );
    expect(queues.events.filter((e) => e.event === "QueueMember")).toHaveLength(5);
    expect(keys(queues.complete)).toEqual(
      recordedKeys("03-basic-call-answered", "QueueStatusComplete", "start-"),
    );
    const contacts = await client.action("PJSIPShowContacts");
    expect(keys(contacts.events[0])).toEqual(recordedKeys("03-basic-call-answered", "ContactList", "start-"));
    const parked = await client.action("ParkedCalls");
    expect(keys(parked.complete)).toEqual(
      recordedKeys("03-basic-call-answered", "ParkedCallsComplete", "start-"),
    );
    expect((await client.action("CoreShowChannels")).events).toEqual([]);
    await expect(client.action("ConfbridgeListRooms")).rejects.toSatisfy(isEmptyListError);
    const settings = await client.action("CoreSettings");
    expect(settings.response.fields).toMatchObject({ AMIversion: "11.0.0", AsteriskVersion: "22.10.1" });
  });

  it("agrees with the events during and after a call (03's snapshot layouts)", async () => {
    const sim = await start();
    const { client } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 10, talkMs: null });
    await run.reached("answered");
    const channels = await client.action("CoreShowChannels");
    expect(channels.events).toHaveLength(2);
    expect(keys(channels.events[0])).toEqual(
      recordedKeys("03-basic-call-answered", "CoreShowChannel", "snap-"),
    );
    const caller = channels.events.find((e) => e.fields.Channel?.startsWith("PJSIP/1001-"));
    expect(caller?.fields).toMatchObject({
      Application: "Dial",
      ApplicationData: "PJSIP/1002,30,tT",
      ChannelStateDesc: "Up",
    });
    const bridges = await client.action("BridgeList");
    expect(bridges.events).toHaveLength(1);
    expect(keys(bridges.events[0])).toEqual(
      recordedKeys("03-basic-call-answered", "BridgeListItem", "snap-"),
    );
    expect(bridges.events[0]?.fields.BridgeNumChannels).toBe("2");
    expect(caller?.fields.BridgeId).toBe(bridges.events[0]?.fields.BridgeUniqueid);
    const hints = await client.action("ExtensionStateList");
    expect(hints.events.filter((e) => e.fields.StatusText === "Busy").map((e) => e.fields.Exten)).toEqual([
      "1001",
      "1002",
    ]);

    await client.action("Hangup", { Channel: caller?.fields.Channel ?? "" });
    await until(() => sim.world.channels.size === 0);
    expect((await client.action("CoreShowChannels")).events).toHaveLength(0);
    expect((await client.action("BridgeList")).events).toHaveLength(0);
    const after = await client.action("ExtensionStateList");
    expect(after.events.filter((e) => e.fields.StatusText === "Busy")).toEqual([]);
  });

  it("shows a waiting caller as QueueEntry and a parked call as ParkedCall (06, 12 layouts)", async () => {
    const sim = await start();
    const { client } = await connect(sim);
    const queued = sim.triggerScenario("queue-call", { from: "1005", queue: "q5000", ringMs: 60_000 });
    await queued.reached("queued");
    const status = await client.action("QueueStatus", { Queue: "q5000" });
    const entry = status.events.find((e) => e.event === "QueueEntry");
    expect(keys(entry)).toEqual(recordedKeys("06-queue-call-answered", "QueueEntry", "snap-"));
    expect(status.events.find((e) => e.event === "QueueParams")?.fields.Calls).toBe("1");
    expect((await client.action("CoreShowChannels")).events).toHaveLength(3);
    await client.action("Hangup", { Channel: entry?.fields.Channel ?? "" });
    await until(() => sim.world.channels.size === 0);
    expect((await client.action("QueueStatus", { Queue: "q5000" })).events.map((e) => e.event)).not.toContain(
      "QueueEntry",
    );

    const parking = sim.triggerScenario("park-call", {
      from: "1001",
      to: "1002",
      ringMs: 10,
      parkAfterMs: 10,
      parkedMs: 60_000,
    });
    await parking.reached("parked");
    const parked = await client.action("ParkedCalls");
    expect(parked.events).toHaveLength(1);
    expect(keys(parked.events[0])).toEqual(recordedKeys("12-park-unpark", "ParkedCall", "snap-"));
    expect(parked.events[0]?.fields).toMatchObject({ ParkingSpace: "701", ParkerDialString: "PJSIP/1002" });
  });
});

describe("AMI simulator: scenarios in the transcripts' order", () => {
  it("plays a basic call with 03-basic-call-answered's event sequence and headers", async () => {
    const sim = await start();
    const { events } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 20, talkMs: 20 });
    expect(await run.done).toBe("completed");
    const expected = recordedSequence("03-basic-call-answered");
    await until(() => compared(events).length >= expected.length);
    expect(compared(events).map((e) => e.event)).toEqual(expected);
    expectRecordedLayouts(events, "03-basic-call-answered");
  });

  it("plays a queue call with 06-queue-call-answered's queue and call-flow order", async () => {
    const sim = await start();
    const { events } = await connect(sim);
    const run = sim.triggerScenario("queue-call", {
      from: "1005",
      queue: "q5000",
      answeredBy: "1002",
      ringMs: 20,
      talkMs: 20,
    });
    expect(await run.done).toBe("completed");
    const flow = new Set([
      "Newchannel",
      "QueueCallerJoin",
      "QueueCallerLeave",
      "QueueCallerAbandon",
      "AgentCalled",
      "AgentConnect",
      "AgentComplete",
      "DialBegin",
      "DialEnd",
      "MusicOnHoldStart",
      "MusicOnHoldStop",
      "BridgeCreate",
      "BridgeEnter",
      "BridgeLeave",
      "BridgeDestroy",
      "Hangup",
    ]);
    const expected = recordedSequence("06-queue-call-answered").filter((n) => flow.has(n));
    await until(() =>
      events.some((e) => e.event === "Hangup" && e.fields.Channel?.startsWith("PJSIP/1005-")),
    );
    expect(
      compared(events)
        .filter((e) => flow.has(e.event))
        .map((e) => e.event),
    ).toEqual(expected);
    expectRecordedLayouts(events, "06-queue-call-answered");
    const complete = events.find((e) => e.event === "AgentComplete");
    expect(complete?.fields).toMatchObject({ Queue: "q5000", Interface: "PJSIP/1002", Reason: "caller" });
    const hangups = events.filter((e) => e.event === "Hangup").map((e) => e.fields.Cause);
    expect(hangups).toEqual(["26", "16", "16"]);
  });

  it("plays a queue abandon as 07 does: QueueCallerAbandon before QueueCallerLeave", async () => {
    const sim = await start();
    const { events } = await connect(sim);
    await sim.triggerScenario("queue-abandon", { from: "1005", queue: "q5000", abandonAfterMs: 30 }).done;
    await until(() => events.filter((e) => e.event === "Cdr").length === 2);
    const queueEvents = events
      .map((e) => e.event)
      .filter((n) => n.startsWith("Queue") && n !== "QueueMemberStatus");
    expect(queueEvents).toEqual(["QueueCallerJoin", "QueueCallerAbandon", "QueueCallerLeave"]);
    expect(events.filter((e) => e.event === "DialEnd").map((e) => e.fields.DialStatus)).toEqual([
      "CANCEL",
      "CANCEL",
      "CANCEL",
      "CANCEL",
    ]);
  });
});

describe("AMI simulator: panel actions", () => {
  it("logs a Redirect with its headers and moves the channel: the other leg hangs up, the target rings", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 10, talkMs: null });
    await run.reached("answered");
    const caller = [...sim.world.channels.values()].find((ch) => ch.endpoint === "1001");
    const reply = await client.action("Redirect", {
      Channel: caller?.name ?? "",
      Exten: "1004",
      Context: "sb-internal",
      Priority: 1,
    });
    expect(reply.response.fields.Message).toBe("Redirect successful");
    const logged = sim.actions.find((a) => a.name === "Redirect");
    expect(logged?.headers).toEqual([
      ["Action", "Redirect"],
      ["Channel", caller?.name],
      ["Exten", "1004"],
      ["Context", "sb-internal"],
      ["Priority", "1"],
      ["ActionID", reply.response.actionId],
    ]);
    await until(() =>
      events.some((e) => e.event === "BridgeEnter" && e.fields.Channel?.startsWith("PJSIP/1004-")),
    );
    const after = events
      .slice(events.findIndex((e) => e.event === "BridgeLeave"))
      .filter((e) => e.event !== "Cdr");
    expect(
      after.map((e) => `${e.event} ${e.fields.Channel?.split("-")[0] ?? ""}`.trim()).slice(0, 4),
    ).toEqual(["BridgeLeave PJSIP/1001", "BridgeLeave PJSIP/1002", "BridgeDestroy", "Hangup PJSIP/1002"]);
    const channels = await client.action("CoreShowChannels");
    expect(channels.events.map((e) => e.fields.Channel?.split("-")[0]).sort()).toEqual([
      "PJSIP/1001",
      "PJSIP/1004",
    ]);
  });

  it("QueuePause with Reason emits QueueMemberPause with PausedReason in every queue, and QueueStatus agrees", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    const reply = await client.action("QueuePause", {
      Interface: "PJSIP/1002",
      Paused: true,
      Reason: "lunch",
    });
    expect(reply.response.fields.Message).toBe("Interface paused successfully");
    await until(() => events.filter((e) => e.event === "QueueMemberPause").length === 2);
    const pauses = events.filter((e) => e.event === "QueueMemberPause");
    expect(pauses.map((e) => [e.fields.Queue, e.fields.Paused, e.fields.PausedReason])).toEqual([
      ["q5001", "1", "lunch"],
      ["q5000", "1", "lunch"],
    ]);
    expect(keys(pauses[0])).toEqual(recordedLiveKeys("08-queue-member-add-pause-remove", "QueueMemberPause"));
    const status = await client.action("QueueStatus", { Queue: "q5000", Member: "PJSIP/1002" });
    expect(status.events.find((e) => e.event === "QueueMember")?.fields).toMatchObject({
      Paused: "1",
      PausedReason: "lunch",
    });
    const devices = await client.action("DeviceStateList");
    expect(devices.events.find((e) => e.fields.Device === "Queue:q5000_pause_PJSIP/1002")?.fields.State).toBe(
      "INUSE",
    );
    await expect(
      client.action("QueuePause", { Interface: "PJSIP/9999", Paused: true }),
    ).rejects.toMatchObject({
      message: "Interface not found",
    });
  });

  it("QueueAdd, QueuePenalty and QueueRemove change the membership QueueStatus reports", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    await client.action("QueueAdd", {
      Queue: "q5000",
      Interface: "PJSIP/1004",
      MemberName: "Ext 1004",
      Penalty: 0,
    });
    await client.action("QueuePenalty", { Queue: "q5000", Interface: "PJSIP/1004", Penalty: 2 });
    let members = await client.action("QueueStatus", { Queue: "q5000" });
    expect(members.events.find((e) => e.fields.Location === "PJSIP/1004")?.fields).toMatchObject({
      Membership: "dynamic",
      Penalty: "2",
    });
    await client.action("QueueRemove", { Queue: "q5000", Interface: "PJSIP/1004" });
    await expect(
      client.action("QueueRemove", { Queue: "q5000", Interface: "PJSIP/1004" }),
    ).rejects.toMatchObject({
      message: "Unable to remove interface: Not there",
    });
    members = await client.action("QueueStatus", { Queue: "q5000" });
    expect(members.events.filter((e) => e.event === "QueueMember")).toHaveLength(2);
    expect(events.map((e) => e.event).filter((n) => n.startsWith("QueueMember"))).toEqual([
      "QueueMemberAdded",
      "QueueMemberPenalty",
      "QueueMemberRemoved",
    ]);
  });

  it("Park answers with the bare-LF message, parks in 701 and the parker hangs up", async () => {
    const sim = await start();
    const { client } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 10, talkMs: null });
    await run.reached("answered");
    const [callee, caller] = channelNames(sim, "1002", "1001");
    const reply = await client.action("Park", { Channel: caller, TimeoutChannel: callee });
    expect(reply.response.fields.Message).toBe("Park successful\n");
    const parked = await client.action("ParkedCalls");
    expect(parked.events[0]?.fields).toMatchObject({ ParkeeChannel: caller, ParkingSpace: "701" });
    const bridges = await client.action("BridgeList");
    expect(bridges.events.map((e) => e.fields.BridgeType).sort()).toEqual(["basic", "parking"]);
  });

  it("Originate with ChanSpy answers async, then OriginateResponse and ChanSpyStart", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 10, talkMs: null });
    await run.reached("answered");
    const reply = await client.action("Originate", {
      Channel: "PJSIP/1004",
      Application: "ChanSpy",
      Data: "PJSIP/1002,qw",
      CallerID: "Spy qw <1004>",
      Async: "true",
    });
    expect(reply.response.fields.Message).toBe("Originate successfully queued");
    await until(() => events.some((e) => e.event === "ChanSpyStart"));
    const response = events.find((e) => e.event === "OriginateResponse");
    expect(response?.actionId).toBe(reply.response.actionId);
    expect(response?.fields).toMatchObject({
      Response: "Success",
      Application: "ChanSpy",
      Data: "PJSIP/1002,qw",
      Reason: "4",
    });
    const spyStart = events.find((e) => e.event === "ChanSpyStart");
    expect(spyStart?.fields.SpyeeChannel?.startsWith("PJSIP/1002-")).toBe(true);
    expect(keys(spyStart)).toEqual(recordedLiveKeys("13-chanspy-listen-whisper-barge", "ChanSpyStart"));
  });

  it("MixMonitor and StopMixMonitor reply without a Message and emit MixMonitorStart/Stop", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    const run = sim.triggerScenario("basic-call", { from: "1001", to: "1002", ringMs: 10, talkMs: null });
    await run.reached("answered");
    const [callee] = channelNames(sim, "1002");
    const started = await client.action("MixMonitor", { Channel: callee, File: "x.wav", Options: "b" });
    expect(started.response.headers.map(([k]) => k)).toEqual(["Response", "ActionID"]);
    await client.action("StopMixMonitor", { Channel: callee });
    await until(() => events.some((e) => e.event === "MixMonitorStop"));
    expect(events.filter((e) => e.event.startsWith("MixMonitor")).map((e) => e.fields.Channel)).toEqual([
      callee,
      callee,
    ]);
  });
});

async function start(options: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
  const sim = await startAmiSimulator({ ...RECORDED_WORLD, ...options });
  sims.push(sim);
  return sim;
}

function clientOptions(sim: AmiSimulator) {
  return {
    host: sim.host,
    port: sim.port,
    username: "switchboard",
    secret: "switchboard",
    reconnect: false as const,
  };
}

async function connect(sim: AmiSimulator) {
  const client = new AmiClient(clientOptions(sim));
  clients.push(client);
  const events: AmiEvent[] = [];
  client.on("event", (event) => events.push(event));
  await client.connect();
  return { client, events };
}

function channelNames(sim: AmiSimulator, ...endpoints: string[]): string[] {
  return endpoints.map((ep) => [...sim.world.channels.values()].find((ch) => ch.endpoint === ep)?.name ?? "");
}

function compared(events: AmiEvent[]): AmiEvent[] {
  return events.filter((e) => !NOT_COMPARED.has(e.event));
}

/** The recorded live events from the scenario's first Newchannel on, minus NOT_COMPARED. */
function recordedSequence(name: string): string[] {
  const names: string[] = [];
  for (const raw of liveEvents(name)) {
    const event = eventName(raw);
    if (event === "Newchannel" || names.length > 0) {
      if (!NOT_COMPARED.has(event)) names.push(event);
    }
  }
  return names;
}

/** Each simulated event type's header keys match the first recorded event of that type. */
function expectRecordedLayouts(events: AmiEvent[], transcript: string) {
  const seen = new Set<string>();
  for (const event of compared(events)) {
    if (seen.has(event.event)) continue;
    seen.add(event.event);
    expect({ event: event.event, keys: keys(event) }).toEqual({
      event: event.event,
      keys: recordedLiveKeys(transcript, event.event),
    });
  }
}

function liveEvents(name: string): string[] {
  return loadTranscript(name)
    .lines.filter((l) => l.dir === "recv" && l.raw.startsWith("Event: ") && !/\r\nActionID: /.test(l.raw))
    .map((l) => l.raw);
}

function recordedLiveKeys(transcript: string, event: string): string[] {
  const raw = liveEvents(transcript).find((r) => eventName(r) === event);
  if (!raw) throw new Error(`${transcript} has no live ${event}`);
  return rawKeys(raw);
}

/** Keys of the first recorded list item (or Complete) named `event` answering an ActionID with `prefix`. */
function recordedKeys(transcript: string, event: string, prefix: string): string[] {
  const raw = loadTranscript(transcript).lines.find(
    (l) => l.dir === "recv" && eventName(l.raw) === event && l.raw.includes(`\r\nActionID: ${prefix}`),
  )?.raw;
  if (!raw) throw new Error(`${transcript} has no ${event} for ${prefix}*`);
  return rawKeys(raw);
}

function eventName(raw: string): string {
  return raw.startsWith("Event: ") ? raw.slice(7, raw.indexOf("\r\n")) : "";
}

function rawKeys(raw: string): string[] {
  return raw
    .replace(/\r\n\r\n$/, "")
    .split("\r\n")
    .map((line) => line.slice(0, line.indexOf(":")));
}

function keys(event: AmiEvent | undefined): string[] {
  return (event?.headers ?? []).map(([k]) => k);
}

async function rawSession(port: number) {
  const socket = net.createConnection({ host: "127.0.0.1", port });
  socket.setEncoding("utf8");
  let text = "";
  socket.on("data", (chunk: string) => {
    text += chunk;
  });
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return {
    send: (raw: string) => socket.write(raw),
    text: () => text,
    until: (predicate: (text: string) => boolean) => until(() => predicate(text)),
    closed,
  };
}

async function until(predicate: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the condition");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
