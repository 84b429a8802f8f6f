import { describe, expect, it } from "vitest";
import { BlfState, type LiveQueueMember } from "../types";
import { amiEvent, newTestStore, replay } from "./testing/replay";

type Seen = Pick<LiveQueueMember, "paused" | "pausedReason" | "pausedSince" | "penalty">;

describe("queue members (08: QueueAdd, QueuePause with and without Queue, QueuePenalty, QueueRemove)", () => {
  it("follows a member through add, pause with a reason, unpause, penalty and remove", () => {
    const s = newTestStore();
    const testq1004: (Seen | undefined)[] = [];
    const paused1002: [string, Seen | undefined][] = [];
    replay(
      "08-queue-member-add-pause-remove",
      (step) => {
        if (step.kind !== "event" || !step.event.event.startsWith("QueueMember")) return;
        const f = step.event.fields;
        if (f.Interface === "PJSIP/1004") testq1004.push(seen(s.state.queues.testq?.members["PJSIP/1004"]));
        if (f.Interface === "PJSIP/1002")
          paused1002.push([f.Queue ?? "", seen(s.state.queues[f.Queue ?? ""]?.members["PJSIP/1002"])]);
      },
      s,
    );
    expect(testq1004).toEqual([
      { paused: false, pausedReason: "", pausedSince: null, penalty: 0 },
      { paused: true, pausedReason: "Lunch break", pausedSince: 1795320043000, penalty: 0 },
      { paused: false, pausedReason: "", pausedSince: null, penalty: 0 },
      { paused: false, pausedReason: "", pausedSince: null, penalty: 2 },
      undefined,
    ]);
    // pausedSince is Asterisk's LastPause (whole seconds), what a rebuild would read too.
    // A pause without Queue comes as one QueueMemberPause per queue.
    expect(paused1002).toEqual([
      ["rrq", { paused: true, pausedReason: "Meeting", pausedSince: 1795320049000, penalty: 0 }],
      ["testq", { paused: true, pausedReason: "Meeting", pausedSince: 1795320049000, penalty: 0 }],
      ["rrq", { paused: false, pausedReason: "", pausedSince: null, penalty: 0 }],
      ["testq", { paused: false, pausedReason: "", pausedSince: null, penalty: 0 }],
    ]);
  });

  it("reads a dynamic member from QueueMemberAdded", () => {
    const s = replay(
      "08-queue-member-add-pause-remove",
      (step) => step.kind === "event" && step.event.event === "QueueMemberAdded",
    );
    expect(s.state.queues.testq?.members["PJSIP/1004"]).toEqual({
      interface: "PJSIP/1004",
      name: "Ext 1004",
      stateInterface: "PJSIP/1004",
      state: BlfState.Idle,
      paused: false,
      pausedReason: "",
      pausedSince: null,
      callsTaken: 0,
      lastCall: null,
      inCall: false,
      membership: "dynamic",
      penalty: 0,
    });
  });

  it("marks the member in a call from AgentConnect to AgentComplete and takes Asterisk's count (06)", () => {
    const s = newTestStore();
    const inCall: boolean[] = [];
    replay(
      "06-queue-call-answered",
      (step) => {
        if (step.kind === "event" && step.event.event.startsWith("Agent")) {
          inCall.push(s.state.queues.testq?.members["PJSIP/1002"]?.inCall ?? false);
        }
      },
      s,
    );
    expect(inCall).toEqual([false, false, true, false]);
    expect(s.state.queues.testq?.members["PJSIP/1002"]).toMatchObject({
      callsTaken: 1,
      lastCall: 1795320011000,
    });
  });

  it("reads a paused member from the QueueStatus list, Name/Location and LastPause included", () => {
    const s = newTestStore(() => 1795320100000);
    s.apply(
      amiEvent("QueueMember", {
        Queue: "testq",
        Name: "Ext 1004",
        Location: "PJSIP/1004",
        StateInterface: "PJSIP/1004",
        Membership: "dynamic",
        Penalty: "0",
        CallsTaken: "0",
        LastCall: "0",
        LastPause: "1795320043",
        InCall: "0",
        Status: "1",
        Paused: "1",
        PausedReason: "Lunch break",
      }),
    );
    expect(s.state.queues.testq?.members["PJSIP/1004"]).toMatchObject({
      name: "Ext 1004",
      paused: true,
      pausedReason: "Lunch break",
      pausedSince: 1795320043000,
    });
  });
});

function seen(member: LiveQueueMember | undefined): Seen | undefined {
  if (member === undefined) return undefined;
  const { paused, pausedReason, pausedSince, penalty } = member;
  return { paused, pausedReason, pausedSince, penalty };
}
