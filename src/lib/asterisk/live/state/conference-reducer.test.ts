import { describe, expect, it } from "vitest";
import { type AmiEvent, toAmiMessage } from "../../ami/message";
import { loadTranscript, repliesTo, splitHeaders } from "../../ami/testing/transcript";
import { newTestStore, replay } from "./testing/replay";
import { transcriptSteps } from "./testing/transcript-steps";

const PARTICIPANTS = ["1795320234.0", "1795320240.3", "1795320243.4"];

describe("conferences (15: 1001, 1002 and 1004 in ConfBridge 800)", () => {
  it("tracks the room from ConfbridgeStart to ConfbridgeEnd", () => {
    const rooms: string[][] = [];
    const s = newTestStore();
    replay(
      "15-conference",
      (step) => {
        if (step.kind === "event" && step.event.event.startsWith("Confbridge")) {
          rooms.push([step.event.event, ...(s.state.conferences["800"]?.participants ?? ["(none)"])]);
        }
      },
      s,
    );
    expect(rooms).toEqual([
      ["ConfbridgeStart"],
      ["ConfbridgeJoin", "1795320234.0"],
      ["ConfbridgeJoin", "1795320234.0", "1795320240.3"],
      ["ConfbridgeJoin", ...PARTICIPANTS],
      ["ConfbridgeLeave", "1795320234.0", "1795320243.4"],
      ["ConfbridgeLeave", "1795320243.4"],
      ["ConfbridgeLeave"],
      ["ConfbridgeEnd", "(none)"],
    ]);
  });

  it("rebuilds participants from ConfbridgeList when given, as from the room's bridge when not", () => {
    const transcript = loadTranscript("15-conference");
    const snap = transcriptSteps(transcript).find((step) => step.kind === "lists" && step.block === "snap");
    if (snap?.kind !== "lists") throw new Error("15 has a snap block");
    const fromBridge = newTestStore();
    fromBridge.rebuild(snap.lists);
    const fromList = newTestStore();
    fromList.rebuild({
      ...snap.lists,
      ConfbridgeList: { "800": events(repliesTo(transcript, "mid-ConfbridgeList")) },
    });
    expect([...(fromBridge.state.conferences["800"]?.participants ?? [])].sort()).toEqual(PARTICIPANTS);
    expect([...(fromList.state.conferences["800"]?.participants ?? [])].sort()).toEqual(PARTICIPANTS);
    expect(fromList.state.conferences["800"]?.locked).toBe(false);
  });
});

function events(raws: string[]): AmiEvent[] {
  return raws.flatMap((raw) => {
    const message = toAmiMessage(splitHeaders(raw));
    return message.type === "event" ? [message] : [];
  });
}
