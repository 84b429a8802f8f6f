import { describe, expect, it } from "vitest";
import { cdrSteps, mergeTimeline, queueSteps } from "./timeline";

const t = (s: number) => new Date(Date.UTC(2026, 10, 22, 9, 0, s));

describe("call timeline", () => {
  it("merges records and queue events in time order", () => {
    const steps = mergeTimeline(
      cdrSteps([
        {
          id: 1,
          calldate: t(0),
          answer: t(20),
          end: t(50),
          channel: "PJSIP/trunk-1",
          dstchannel: "PJSIP/1002-2",
          src: "+15550100",
          dst: "600",
          lastapp: "Queue",
          disposition: "ANSWERED",
          billsec: 60,
        },
      ]),
      queueSteps([
        {
          id: 1,
          occurredAt: t(1),
          kind: "join",
          queue: "support",
          interface: null,
          holdTime: null,
          talkTime: null,
          reason: null,
        },
        {
          id: 2,
          occurredAt: t(20),
          kind: "connect",
          queue: "support",
          interface: "PJSIP/1002",
          holdTime: 19,
          talkTime: null,
          reason: null,
        },
        {
          id: 3,
          occurredAt: t(30),
          kind: "pause",
          queue: "support",
          interface: "PJSIP/1002",
          holdTime: null,
          talkTime: null,
          reason: null,
        },
      ]),
    );
    expect(steps.map((s) => `${s.at.getUTCSeconds()} ${s.source} ${s.title}`)).toEqual([
      "0 cdr Call to 600",
      "1 queue Joined queue support",
      "20 cdr Answered",
      "20 queue Agent connected support",
      "50 cdr ANSWERED",
    ]);
    expect(steps[3]?.detail).toBe("PJSIP/1002, waited 19 s");
  });
});
