import { describe, expect, it } from "vitest";
import { LiveStateStore } from "./live-state-store";
import { amiEvent, newTestStore, rebuildLists, replay } from "./testing/replay";

describe("waiting callers", () => {
  it("lists the caller while the members ring and drops it when an agent answers (06)", () => {
    const s = replay("06-queue-call-answered", (step) => step.kind === "lists" && step.block === "snap");
    expect(s.state.queues.testq?.entries).toEqual({
      "1795320003.0": {
        uniqueid: "1795320003.0",
        channel: "PJSIP/1005-00000000",
        position: 1,
        callerIdNum: "1005",
        callerIdName: "Ext 1005",
        joinedAt: 1795320003320,
      },
    });
    expect(s.state.channels["1795320003.0"]).toMatchObject({ application: "Queue", queue: "testq" });
    expect(s.state.channels["1795320003.1"]).toMatchObject({ application: "AppQueue", queue: "testq" });
    const end = replay("06-queue-call-answered");
    expect(end.state.queues.testq?.entries).toEqual({});
    expect(end.state.queues.testq?.today).toEqual({
      day: "2026-11-22",
      answered: 1,
      abandoned: 0,
      answeredWithinSla: 0,
    });
  });

  it("keeps positions contiguous as callers join and leave", () => {
    const s = newTestStore();
    for (const [uniqueid, position] of [
      ["a", "1"],
      ["b", "2"],
      ["c", "2"],
    ] as const) {
      s.apply(
        amiEvent("QueueCallerJoin", {
          Queue: "q",
          Uniqueid: uniqueid,
          Channel: `PJSIP/${uniqueid}`,
          Position: position,
        }),
      );
    }
    expect(positions(s.state.queues.q?.entries)).toEqual({ a: 1, c: 2, b: 3 });
    s.apply(amiEvent("QueueCallerLeave", { Queue: "q", Uniqueid: "a", Position: "1" }));
    expect(positions(s.state.queues.q?.entries)).toEqual({ c: 1, b: 2 });
    // A Hangup without QueueCallerLeave (a lost event) still frees the place.
    s.apply(amiEvent("Hangup", { Uniqueid: "c" }));
    expect(positions(s.state.queues.q?.entries)).toEqual({ b: 1 });
  });
});

describe("today's counters", () => {
  it("counts an abandoned caller (07)", () => {
    const s = replay("07-queue-abandon");
    expect(s.state.queues.testq?.today).toEqual({
      day: "2026-11-22",
      answered: 0,
      abandoned: 1,
      answeredWithinSla: 0,
    });
    expect(s.state.queues.testq?.entries).toEqual({});
    expect(s.state.queues.rrq?.today.abandoned).toBe(0);
  });

  it("counts an answer within the queue's ServiceLevel from AgentConnect's HoldTime", () => {
    const s = newTestStore();
    s.rebuild(
      rebuildLists({
        QueueStatus: [amiEvent("QueueParams", { Queue: "sales", Strategy: "ringall", ServiceLevel: "20" })],
      }),
    );
    for (const holdTime of ["3", "20", "21"]) {
      s.apply(amiEvent("AgentConnect", { Timestamp: "1795320000.5", Queue: "sales", HoldTime: holdTime }));
    }
    expect(s.state.queues.sales?.today).toEqual({
      day: "2026-11-22",
      answered: 3,
      abandoned: 0,
      answeredWithinSla: 2,
    });
  });

  it("starts from zero on a new local day in options.timeZone", () => {
    const lateEvening = Date.UTC(2026, 10, 22, 23, 30) / 1000; // 18:30 in New York
    const pastMidnight = Date.UTC(2026, 10, 23, 0, 10) / 1000; // 19:10 in New York
    const abandon = (epoch: number) =>
      amiEvent("QueueCallerAbandon", { Timestamp: `${epoch}.000000`, Queue: "q" });

    const utc = newTestStore();
    utc.apply(abandon(lateEvening));
    utc.apply(abandon(pastMidnight));
    expect(utc.state.queues.q?.today).toEqual({
      day: "2026-11-23",
      answered: 0,
      abandoned: 1,
      answeredWithinSla: 0,
    });

    const ny = new LiveStateStore({ now: () => pastMidnight * 1000, timeZone: "America/New_York" });
    ny.apply(abandon(lateEvening));
    ny.apply(abandon(pastMidnight));
    expect(ny.state.queues.q?.today).toEqual({
      day: "2026-11-22",
      answered: 0,
      abandoned: 2,
      answeredWithinSla: 0,
    });
  });

  it("tick() zeroes a queue nobody called since midnight, and leaves today's alone", () => {
    let now = Date.UTC(2026, 10, 22, 20);
    const s = newTestStore(() => now);
    s.apply(amiEvent("QueueCallerAbandon", { Queue: "q" }));
    expect(s.tick()).toEqual([]);
    now = Date.UTC(2026, 10, 23, 0, 1);
    expect(s.tick()).toEqual([
      {
        op: "upsert",
        collection: "queues",
        key: "q",
        value: expect.objectContaining({
          today: { day: "2026-11-23", answered: 0, abandoned: 0, answeredWithinSla: 0 },
        }),
      },
    ]);
  });

  it("survives a rebuild on the same day (Asterisk's QueueStatus counters are not per day)", () => {
    const s = replay("07-queue-abandon");
    s.rebuild(
      rebuildLists({
        QueueStatus: [amiEvent("QueueParams", { Queue: "testq", Strategy: "ringall", Abandoned: "0" })],
      }),
    );
    expect(s.state.queues.testq?.today.abandoned).toBe(1);
  });
});

function positions(entries: Record<string, { position: number }> | undefined) {
  return Object.fromEntries(Object.entries(entries ?? {}).map(([k, e]) => [k, e.position]));
}
