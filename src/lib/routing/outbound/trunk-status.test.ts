import { describe, expect, it } from "vitest";
import { BlfState } from "@/lib/asterisk/live/types";
import { describeTrunkState, trunkStatusFrom } from "./trunk-status";

describe("trunkStatusFrom", () => {
  it("takes registrations from the AMI list and reachability from the live device states", () => {
    const status = trunkStatusFrom(
      ["carrier-a", "carrier-b", "carrier-c"],
      [
        { event: "OutboundRegistrationDetail", fields: { ObjectName: "carrier-a", Status: "Registered" } },
        { event: "OutboundRegistrationDetail", fields: { ObjectName: "someone-else", Status: "Rejected" } },
        { event: "OutboundRegistrationDetailComplete", fields: {} },
      ],
      {
        "PJSIP/carrier-a": { device: "PJSIP/carrier-a", state: BlfState.Idle, since: 1 },
        "PJSIP/carrier-b": { device: "PJSIP/carrier-b", state: BlfState.Unavailable, since: 1 },
        "PJSIP/1001": { device: "PJSIP/1001", state: BlfState.Idle, since: 1 },
      },
    );
    expect(status).toEqual({
      "carrier-a": { registration: "Registered", endpoint: "Available" },
      "carrier-b": { registration: null, endpoint: "Unavailable" },
      "carrier-c": { registration: null, endpoint: null },
    });
    expect(describeTrunkState("registration", status["carrier-a"])).toEqual({
      tone: "ok",
      text: "Registered",
    });
    expect(describeTrunkState("ip", status["carrier-b"])).toEqual({ tone: "bad", text: "Unreachable" });
    expect(describeTrunkState("ip", status["carrier-c"])).toEqual({ tone: "bad", text: "Not loaded" });
  });

  it("knows nothing of reachability without live state", () => {
    expect(trunkStatusFrom(["carrier-a"], [], null)).toEqual({
      "carrier-a": { registration: null, endpoint: null },
    });
  });
});
