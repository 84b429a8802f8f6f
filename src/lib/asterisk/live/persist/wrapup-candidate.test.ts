import { describe, expect, it } from "vitest";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { wrapupCandidate } from "./persist-mappers";

const complete = (fields: Record<string, string>): AmiEvent =>
  ({
    type: "event",
    event: "AgentComplete",
    fields: {
      Timestamp: "1795320011.404241",
      Queue: "q5000",
      Interface: "PJSIP/1002",
      Uniqueid: "1795320003.0",
      Linkedid: "1795320003.0",
      CallerIDNum: "1005",
      ...fields,
    },
  }) as unknown as AmiEvent;

describe("wrapupCandidate", () => {
  it("opens one for a PJSIP member's completed queue call, keyed like its queue event", () => {
    expect(wrapupCandidate(complete({}))).toEqual({
      dedupeKey: "AgentComplete|1795320011.404241|q5000|1795320003.0|PJSIP/1002",
      queue: "q5000",
      extension: "1002",
      linkedid: "1795320003.0",
      uniqueid: "1795320003.0",
      callerIdNum: "1005",
      at: new Date("2026-11-22T04:00:11.404Z"),
    });
  });

  it("falls back to the Uniqueid when the Linkedid is missing", () => {
    expect(wrapupCandidate(complete({ Linkedid: "" }))?.linkedid).toBe("1795320003.0");
  });

  it("ignores other events, members that are not our phones, and events without a time", () => {
    expect(wrapupCandidate({ ...complete({}), event: "AgentConnect" } as AmiEvent)).toBeNull();
    expect(wrapupCandidate(complete({ Interface: "Local/1002@from-queue/n" }))).toBeNull();
    expect(wrapupCandidate(complete({ Interface: "PJSIP/1002\r\nX" }))).toBeNull();
    expect(wrapupCandidate(complete({ Queue: "" }))).toBeNull();
    expect(wrapupCandidate(complete({ Timestamp: "" }))).toBeNull();
  });
});
