import { describe, expect, it } from "vitest";
import {
  atxferCommand,
  hangupCommand,
  mixMonitorCommand,
  originateCommand,
  parkCommand,
  pickupCommand,
  queueAddCommand,
  queuePauseCommand,
  redirectCommand,
  spyCommand,
} from "./panel-commands";

describe("panel AMI commands", () => {
  it.each([
    ["listen", "PJSIP/1002-00000001,qE"],
    ["whisper", "PJSIP/1002-00000001,qwE"],
    ["barge", "PJSIP/1002-00000001,qBE"],
  ] as const)("spies in %s mode with ChanSpy %s from the supervisor's own phone", (mode, data) => {
    expect(
      spyCommand({ supervisorExtension: "1001", target: "PJSIP/1002-00000001", mode, channelId: "abc-1" }),
    ).toEqual({
      action: "Originate",
      headers: expect.objectContaining({
        Channel: "PJSIP/1001",
        Application: "ChanSpy",
        Data: data,
        Async: "true",
        ChannelId: "abc-1",
      }),
    });
  });

  it("sends transfers, pickups and calls through sb-internal priority 1", () => {
    expect(redirectCommand("PJSIP/trunk-0000000a", "1005").headers).toEqual({
      Channel: "PJSIP/trunk-0000000a",
      Context: "sb-internal",
      Exten: "1005",
      Priority: "1",
    });
    expect(atxferCommand("PJSIP/1002-00000001", "1005").headers).toMatchObject({ Context: "sb-internal" });
    expect(originateCommand("1001", "+4930123", "national").headers).toMatchObject({
      Channel: "PJSIP/1001",
      Context: "sb-cos-national",
      Exten: "+4930123",
      Priority: "1",
      Async: "true",
    });
    expect(pickupCommand("1001", "PJSIP/1002-00000001").headers).toMatchObject({
      Channel: "PJSIP/1001",
      Application: "PickupChan",
      Data: "PJSIP/1002-00000001",
    });
  });

  it("names recordings after the call and the leg", () => {
    expect(mixMonitorCommand("PJSIP/1002-00000001", "1795320210.0", "1795320210.1").headers).toEqual({
      Channel: "PJSIP/1002-00000001",
      File: "1795320210.0-1795320210.1.wav",
      Options: "b",
    });
  });

  it("parks with a TimeoutChannel only when there is one", () => {
    expect(parkCommand("PJSIP/a-1", null).headers).toEqual({ Channel: "PJSIP/a-1" });
    expect(parkCommand("PJSIP/a-1", "PJSIP/1002-2").headers).toEqual({
      Channel: "PJSIP/a-1",
      TimeoutChannel: "PJSIP/1002-2",
    });
  });

  it("pauses with the break code as Reason, unpauses without one, and may leave the queue out", () => {
    expect(
      queuePauseCommand({ extension: "1002", queue: "q5000", paused: true, reason: "lunch" }).headers,
    ).toEqual({
      Queue: "q5000",
      Interface: "PJSIP/1002",
      Paused: "true",
      Reason: "lunch",
    });
    expect(queuePauseCommand({ extension: "1002", paused: false, reason: "lunch" }).headers).toEqual({
      Interface: "PJSIP/1002",
      Paused: "false",
    });
  });

  it("drops a member name that fails its allowlist instead of sending it", () => {
    expect(queueAddCommand("q5000", "1002", "Bob; Desk").headers).not.toHaveProperty("MemberName");
    expect(queueAddCommand("q5000", "1002", "Bob Desk").headers.MemberName).toBe("Bob Desk");
  });

  it.each([
    () => hangupCommand("PJSIP/1002-1\r\nAction: Originate"),
    () => redirectCommand("PJSIP/1002-1", "1005,1"),
    () => redirectCommand("PJSIP/1002-1", "1005;x"),
    () => originateCommand("1001", "1002\n", "national"),
    () => originateCommand("1001", "1002", "national,x" as "national"),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
    () => originateCommand("1001", "${SHELL(id)}", "national"),
    () =>
      spyCommand({ supervisorExtension: "1001", target: "PJSIP/1002-1,qBE", mode: "listen", channelId: "x" }),
    () => spyCommand({ supervisorExtension: "1001", target: "Local/1@x;1", mode: "listen", channelId: "x" }),
    () => mixMonitorCommand("PJSIP/1002-1", "../../etc/passwd", "1.1"),
    () => queuePauseCommand({ extension: "1002", queue: "sales", paused: true }),
    () => queuePauseCommand({ extension: "1002", paused: true, reason: "lunch,x" }),
  ])("refuses a value outside its allowlist (%#)", (build) => {
    expect(build).toThrow(expect.objectContaining({ code: "bad_request:ami_value" }));
  });
});
