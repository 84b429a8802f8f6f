import { describe, expect, it } from "vitest";
import { liveChannel } from "@/lib/asterisk/live/testing/live-fixtures";
import { emptyLiveState } from "@/lib/asterisk/live/types";
import { currentCallChannel } from "./soundboard";

describe("currentCallChannel", () => {
  it("picks the extension's latest answered, bridged, unheld leg", () => {
    const s = emptyLiveState();
    s.channels.a = liveChannel("a", "1002", { bridgeId: "b1", answeredAt: 10 });
    s.channels.b = liveChannel("b", "1002", { bridgeId: "b2", answeredAt: 30 });
    s.channels.c = liveChannel("c", "1002", { bridgeId: "b3", answeredAt: 40, onHold: true });
    s.channels.d = liveChannel("d", "1003", { bridgeId: "b4", answeredAt: 50 });
    expect(currentCallChannel(s, "1002")?.uniqueid).toBe("b");
  });
  it("ignores ringing, unbridged and spy legs", () => {
    const s = emptyLiveState();
    s.channels.a = liveChannel("a", "1002", { state: "Ringing", bridgeId: null });
    s.channels.b = liveChannel("b", "1002", { bridgeId: null });
    s.channels.c = liveChannel("c", "1002", {
      bridgeId: "b1",
      spying: { target: "PJSIP/1003-1", mode: "listen" },
    });
    expect(currentCallChannel(s, "1002")).toBeNull();
  });
});
