import { describe, expect, it } from "vitest";
import { type CallEvent, CallState, isLive, nextCallState } from "./call-state";

function run(events: CallEvent[], from = CallState.Idle): (CallState | null)[] {
  const seen: (CallState | null)[] = [];
  let state = from;
  for (const e of events) {
    const next = nextCallState(state, e);
    seen.push(next);
    if (next) state = next;
  }
  return seen;
}

describe("call state machine", () => {
  it("walks an outgoing call through hold, resume and hang-up", () => {
    expect(run(["dial", "progress", "established", "hold", "resume", "end"])).toEqual([
      CallState.Dialing,
      CallState.Dialing,
      CallState.InCall,
      CallState.OnHold,
      CallState.InCall,
      CallState.Ended,
    ]);
  });

  it("answers an incoming call only through Answering", () => {
    expect(nextCallState(CallState.Ringing, "established")).toBeNull();
    expect(run(["incoming", "answer", "established"])).toEqual([
      CallState.Ringing,
      CallState.Answering,
      CallState.InCall,
    ]);
  });

  it("refuses what makes no sense", () => {
    expect(nextCallState(CallState.Idle, "hold")).toBeNull();
    expect(nextCallState(CallState.Dialing, "answer")).toBeNull();
    expect(nextCallState(CallState.OnHold, "hold")).toBeNull();
    expect(nextCallState(CallState.InCall, "resume")).toBeNull();
    expect(nextCallState(CallState.Ringing, "transfer")).toBeNull();
    expect(nextCallState(CallState.Ended, "dial")).toBeNull();
  });

  it("ends from every state but Ended, exactly once", () => {
    for (const s of Object.values(CallState)) {
      expect(nextCallState(s, "end")).toBe(s === CallState.Ended ? null : CallState.Ended);
    }
  });

  it("keeps a call held when a transfer is refused", () => {
    expect(run(["transfer", "transferFailed", "resume"], CallState.InCall)).toEqual([
      CallState.Transferring,
      CallState.OnHold,
      CallState.InCall,
    ]);
    expect(nextCallState(CallState.InCall, "transferFailed")).toBeNull();
  });

  it("says which states carry media", () => {
    expect([CallState.InCall, CallState.OnHold, CallState.Transferring].every(isLive)).toBe(true);
    expect([CallState.Idle, CallState.Dialing, CallState.Ringing, CallState.Ended].some(isLive)).toBe(false);
  });
});
