import { describe, expect, it } from "vitest";
import { routeStepFromEvent } from "./trace";

describe("routeStepFromEvent", () => {
  it("reads a SwitchboardRoute user event", () => {
    expect(
      routeStepFromEvent({
        UserEvent: "SwitchboardRoute",
        Step: "timecondition",
        Target: "7001",
        Detail: "matched",
      }),
    ).toEqual({ step: "timecondition", target: "7001", detail: "matched" });
  });
  it("ignores other user events and unknown steps", () => {
    expect(routeStepFromEvent({ UserEvent: "Other", Step: "did" })).toBeNull();
    expect(routeStepFromEvent({ UserEvent: "SwitchboardRoute", Step: "teleport" })).toBeNull();
  });
});
