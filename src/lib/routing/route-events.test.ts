import { describe, expect, it } from "vitest";
import type { AmiEvent } from "@/lib/asterisk/ami/message";
import { routeSteps } from "@/lib/calls/timeline";
import { routeEventRow } from "./route-events";

const event = (fields: Record<string, string>): AmiEvent => ({
  type: "event",
  event: fields.Event ?? "UserEvent",
  headers: Object.entries(fields),
  fields,
});

const base = {
  Event: "UserEvent",
  UserEvent: "SwitchboardRoute",
  Uniqueid: "1700000000.12",
  Linkedid: "1700000000.10",
  Timestamp: "1700000001.250000",
  Step: "ringtree",
  Target: "7100",
  Detail: "n2",
};

describe("routeEventRow", () => {
  it("maps a SwitchboardRoute UserEvent to a row keyed by Linkedid, the same every time", () => {
    const row = routeEventRow(event(base));
    expect(row).toMatchObject({
      linkedid: "1700000000.10",
      uniqueid: "1700000000.12",
      step: "ringtree",
      target: "7100",
      detail: "n2",
      occurredAt: new Date(1700000001250),
    });
    expect(routeEventRow(event(base))?.seq).toBe(row?.seq);
    expect(routeEventRow(event({ ...base, Detail: "n3" }))?.seq).not.toBe(row?.seq);
  });

  it("ignores other events and refuses values outside the trace's alphabet", () => {
    expect(routeEventRow(event({ ...base, Event: "Newexten" }))).toBeNull();
    expect(routeEventRow(event({ ...base, UserEvent: "Other" }))).toBeNull();
    expect(routeEventRow(event({ ...base, Detail: "<script>" }))).toBeNull();
    expect(routeEventRow(event({ ...base, Target: "x".repeat(65) }))).toBeNull();
  });

  it("reads as timeline steps", () => {
    const steps = routeSteps([
      { occurredAt: new Date(1), step: "did", target: "+4420", detail: "any" },
      { occurredAt: new Date(2), step: "blocklist", target: "abc", detail: "blocked" },
      { occurredAt: new Date(3), step: "destination", target: "5000", detail: "queue" },
    ]);
    expect(steps.map((s) => [s.source, s.title])).toEqual([
      ["route", "Inbound number +4420"],
      ["route", "Caller refused by a list"],
      ["route", "Routed to queue 5000"],
    ]);
  });
});
