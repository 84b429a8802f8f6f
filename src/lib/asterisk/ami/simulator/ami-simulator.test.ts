import { describe, expect, it } from "vitest";
import { AmiClient } from "../ami-client";
import { isEmptyListError } from "../ami-error";
import {
  compared,
  expectRecordedLayouts,
  keys,
  rawSession,
  recordedKeys,
  recordedSequence,
  simulatorHarness,
  until,
} from "../testing/simulator-harness";

/** The simulator against the app's real AmiClient and the recorded Asterisk 22.10.1 sessions. */
const { start, connect, clientOptions, track } = simulatorHarness();

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
    const client = track(new AmiClient({ ...clientOptions(sim), secret: "wrong" }));
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
      Context: "sb-extensions",
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

describe("AMI simulator: AstDB and UserEvent", () => {
  it("puts, lists, deletes and announces as main/db.c and manager.c do", async () => {
    const sim = await start();
    const { client, events } = await connect(sim);
    await client.action("DBPut", { Family: "sbdnd", Key: "1002", Val: "1" });
    await client.action("DBPut", { Family: "sblist/a", Key: "+15550001111", Val: "0" });
    const tree = await client.action("DBGetTree", { Family: "sbdnd" });
    expect(tree.events.map((e) => [e.event, e.fields.Key, e.fields.Val])).toEqual([
      ["DBGetTreeResponse", "/sbdnd/1002", "1"],
    ]);
    expect(tree.complete?.fields.ListItems).toBe("1");
    await client.action("DBDel", { Family: "sbdnd", Key: "1002" });
    await expect(client.action("DBDel", { Family: "sbdnd", Key: "1002" })).rejects.toMatchObject({
      message: expect.stringContaining("Database entry not found"),
    });
    expect((await client.action("DBGetTree", { Family: "sbdnd" })).events).toEqual([]);
    await client.action("UserEvent", { UserEvent: "SwitchboardDnd", Exten: "1002", State: "on" });
    await until(() => events.some((e) => e.event === "UserEvent"));
    const announced = events.find((e) => e.event === "UserEvent")!;
    expect(announced.fields).toMatchObject({ UserEvent: "SwitchboardDnd", Exten: "1002", State: "on" });
    expect(announced.fields.ActionID).toBeDefined();
  });
});
