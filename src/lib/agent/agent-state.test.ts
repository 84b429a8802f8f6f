import { describe, expect, it } from "vitest";
import { liveQueue } from "@/lib/asterisk/live/testing/live-fixtures";
import { BlfState, emptyLiveState } from "@/lib/asterisk/live/types";
import { agentStateOf, dndOf, queueLoginOf } from "./agent-state";

describe("agentStateOf", () => {
  const state = () => {
    const s = emptyLiveState();
    s.queues.q5000 = liveQueue("q5000", ["1002", "1003"]);
    s.queues.q5001 = liveQueue("q5001", ["1003"]);
    return s;
  };

  it("is unknown without live state, logged out outside every queue", () => {
    expect(agentStateOf(null, "1002", ["q5000"])).toEqual({ kind: "unknown" });
    expect(agentStateOf(state(), "1009", ["q5000", "q5001"])).toEqual({ kind: "logged_out" });
    // Only the agent's own queues count, even if the state lists others.
    expect(agentStateOf(state(), "1003", ["q5001"])).toEqual({ kind: "ready", queues: ["q5001"] });
  });

  it("is ready when in a queue and paused nowhere, paused with the reason otherwise", () => {
    const s = state();
    expect(agentStateOf(s, "1003", ["q5000", "q5001"])).toEqual({
      kind: "ready",
      queues: ["q5000", "q5001"],
    });
    s.queues.q5001!.members["PJSIP/1003"]!.paused = true;
    s.queues.q5001!.members["PJSIP/1003"]!.pausedReason = "lunch";
    expect(agentStateOf(s, "1003", ["q5000", "q5001"])).toEqual({
      kind: "paused",
      reason: "lunch",
      queues: ["q5000", "q5001"],
    });
  });
});

describe("dndOf", () => {
  it("is null without live state or a hint, and true when any hint of the extension shows dnd", () => {
    const s = emptyLiveState();
    expect(dndOf(null, "1002")).toBeNull();
    expect(dndOf(s, "1002")).toBeNull();
    s.extensions["1002@sb-internal"] = {
      exten: "1002",
      context: "sb-internal",
      hint: "PJSIP/1002",
      state: BlfState.Idle,
      since: 0,
    };
    expect(dndOf(s, "1002")).toBe(false);
    s.extensions["1002@other"] = {
      ...s.extensions["1002@sb-internal"]!,
      context: "other",
      state: BlfState.Dnd,
    };
    expect(dndOf(s, "1002")).toBe(true);
  });
});

describe("queueLoginOf", () => {
  it("offers a log-out only to dynamic members: Asterisk refuses to remove static ones", () => {
    const s = emptyLiveState();
    s.queues.q5000 = liveQueue("q5000", ["1002", "1003"]);
    s.queues.q5000.members["PJSIP/1003"]!.membership = "dynamic";
    expect(queueLoginOf(s, "1002", "q5000")).toBe("static");
    expect(queueLoginOf(s, "1003", "q5000")).toBe("logged_in");
    expect(queueLoginOf(s, "1004", "q5000")).toBe("logged_out");
    expect(queueLoginOf(s, "1002", "q5001")).toBe("logged_out");
    expect(queueLoginOf(null, "1002", "q5000")).toBe("logged_out");
  });
});
