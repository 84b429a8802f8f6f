import { describe, expect, it } from "vitest";
import { channelNames, keys, recordedLiveKeys, simulatorHarness, until } from "../testing/simulator-harness";

/** The panel's actions against the simulator with the app's real AmiClient: replies, log and world effects. */
const { start, connect } = simulatorHarness();

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
