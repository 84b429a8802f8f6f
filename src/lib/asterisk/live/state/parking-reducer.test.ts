import { describe, expect, it } from "vitest";
import { replay } from "./testing/replay";

describe("parking (12: AMI Park of 1001 into 701, 1004 picks it up)", () => {
  it("lists the parked call and its holding bridge while parked", () => {
    const s = replay("12-park-unpark", (step) => step.kind === "lists" && step.block === "snap");
    expect(s.state.parked).toEqual({
      "default:701": {
        lot: "default",
        slot: "701",
        uniqueid: "1795320147.0",
        channel: "PJSIP/1001-00000000",
        callerIdNum: "1001",
        callerIdName: "Ext 1001",
        parkerDialString: "PJSIP/1002",
        parkedAt: 1795320152499,
        timeoutAt: 1795320152499 + 45_000,
      },
    });
    expect(s.state.extensions["701@parkedcalls"]?.state).toBe("inuse");
    const bridge = s.state.bridges[s.state.channels["1795320147.0"]?.bridgeId ?? ""];
    expect(bridge).toMatchObject({
      type: "parking",
      technology: "holding_bridge",
      name: "default",
      channels: ["1795320147.0"],
    });
  });

  it("drops the call on UnParkedCall, and the lot's bridge once empty", () => {
    const s = replay(
      "12-park-unpark",
      (step) =>
        step.kind === "event" &&
        step.event.event === "BridgeEnter" &&
        step.event.fields.Uniqueid === "1795320158.2",
    );
    expect(s.state.parked).toEqual({});
    expect(Object.values(s.state.bridges).map((b) => b.type)).toEqual(["basic"]);
    // The retriever's leg joined the parked call: Linkedid follows the call.
    expect(s.state.channels["1795320158.2"]?.linkedid).toBe("1795320147.0");
  });
});
