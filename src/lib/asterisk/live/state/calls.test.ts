import { describe, expect, it } from "vitest";
import { callsOf } from "./calls";
import { amiEvent, newTestStore, rebuildLists, replay } from "./testing/replay";

const atSnap = (name: string) => replay(name, (step) => step.kind === "lists" && step.block === "snap");

describe("callsOf", () => {
  it("groups a basic call's two legs (03)", () => {
    const calls = callsOf(atSnap("03-basic-call-answered").state);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      linkedid: "1795319908.0",
      bridges: ["02ec7a19-6f60-41ad-9349-3ae8bcc65ade"],
      startedAt: 1795319908994,
      answeredAt: 1795319911041,
      onHold: false,
      queue: null,
      direction: "internal",
    });
    expect(calls[0]?.legs.map((leg) => leg.name)).toEqual(["PJSIP/1001-00000000", "PJSIP/1002-00000001"]);
  });

  it("keeps the transferred caller and the new callee in one call after a blind transfer (10)", () => {
    const calls = callsOf(atSnap("10-blind-transfer").state);
    expect(
      calls.map((call) => [call.linkedid, call.legs.map((leg) => leg.name), call.bridges.length]),
    ).toEqual([["1795320092.0", ["PJSIP/1001-00000000", "PJSIP/1004-00000002"], 1]]);
  });

  it("shows an attended transfer's consultation as the Local pair legs of the same call (11)", () => {
    const calls = callsOf(atSnap("11-attended-transfer").state);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.legs.map((leg) => leg.name)).toEqual([
      "PJSIP/1001-00000000",
      "PJSIP/1002-00000001",
      "Local/1004@from-internal-00000000;1",
      "Local/1004@from-internal-00000000;2",
      "PJSIP/1004-00000002",
    ]);
    // 1001 alone (hearing MOH), 1002 with Local;1, Local;2 with 1004.
    expect(calls[0]?.bridges).toEqual([
      "c8169827-36c1-4c54-825b-41b188a194dd",
      "6f558f33-8d65-4642-8444-8d4b357d203a",
      "467a0ea5-654f-4279-8b10-2950fb6055cb",
    ]);
    // The transferer (1002) was put on hold by the Atxfer.
    expect(calls[0]?.onHold).toBe(true);
    expect(calls[0]?.legs.find((leg) => leg.onHold)?.name).toBe("PJSIP/1002-00000001");
  });

  it("names the queue of a queue call (06)", () => {
    const calls = callsOf(atSnap("06-queue-call-answered").state);
    expect(calls.map((call) => [call.queue, call.legs.length, call.answeredAt])).toEqual([
      ["testq", 3, 1795320003262],
    ]);
  });

  it("keeps spy legs (their own Linkedid) apart from the spied call (13)", () => {
    const calls = callsOf(atSnap("13-chanspy-listen-whisper-barge").state);
    expect(calls.map((call) => call.legs.map((leg) => leg.name))).toEqual([
      ["PJSIP/1004-00000004"],
      ["PJSIP/1001-00000000", "PJSIP/1002-00000001"],
    ]);
  });

  it("guesses the direction from which endpoints have hints", () => {
    const s = newTestStore();
    s.rebuild(
      rebuildLists({
        ExtensionStateList: [
          amiEvent("ExtensionStatus", {
            Exten: "1001",
            Context: "from-internal",
            Hint: "PJSIP/1001",
            Status: "0",
          }),
        ],
      }),
    );
    const leg = (uniqueid: string, name: string, linkedid: string, timestamp: string) =>
      amiEvent("Newchannel", {
        Timestamp: timestamp,
        Channel: name,
        ChannelStateDesc: "Ring",
        Uniqueid: uniqueid,
        Linkedid: linkedid,
      });
    s.apply(leg("1.0", "PJSIP/trunk-00000000", "1.0", "1795320000.1"));
    s.apply(leg("1.1", "PJSIP/1001-00000001", "1.0", "1795320000.2"));
    s.apply(leg("2.0", "PJSIP/1001-00000002", "2.0", "1795320001.1"));
    s.apply(leg("2.1", "PJSIP/trunk-00000003", "2.0", "1795320001.2"));
    s.apply(leg("3.0", "Local/601@from-internal-00000000;1", "3.0", "1795320002.1"));
    expect(callsOf(s.state).map((call) => [call.linkedid, call.direction])).toEqual([
      ["3.0", "unknown"],
      ["2.0", "outbound"],
      ["1.0", "inbound"],
    ]);
  });
});
