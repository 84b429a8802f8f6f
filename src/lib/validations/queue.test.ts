import { describe, expect, it } from "vitest";
import { type CreateQueueInput, createQueueSchema } from "./queue";

const valid: CreateQueueInput = {
  number: "700",
  name: "Support",
  strategy: "ringall",
  memberTimeout: 15,
  retry: 5,
  wrapupTime: 0,
  maxLen: 0,
  weight: 0,
  joinEmpty: true,
  leaveWhenEmpty: false,
  announcePosition: false,
  announceHoldTime: false,
  mohClass: "default",
  serviceLevel: 20,
  recordingPolicy: "never",
  staticMembers: [],
  dynamicMembers: [],
  vipCallers: [],
  activeHours: [],
  outOfHours: { type: "hangup" },
};

describe("createQueueSchema", () => {
  it("sorts and de-duplicates window days, keeps the first of repeated VIPs, defaults their priority", () => {
    const out = createQueueSchema.parse({
      ...valid,
      activeHours: [{ days: [5, 1, 3, 1], start: "08:30", end: "12:00" }],
      vipCallers: [{ number: "+49301" }, { number: "+49301", priority: 99 }, { number: "*7#", priority: 1 }],
    });
    expect(out.activeHours).toEqual([{ days: [1, 3, 5], start: "08:30", end: "12:00" }]);
    expect(out.vipCallers).toEqual([
      { number: "+49301", priority: 10 },
      { number: "*7#", priority: 1 },
    ]);
  });

  it("treats an empty music class as 'default' but refuses a blank one", () => {
    expect(createQueueSchema.parse({ ...valid, mohClass: "" }).mohClass).toBe("default");
    expect(createQueueSchema.safeParse({ ...valid, mohClass: "  " }).success).toBe(false);
  });

  it.each([
    [{ start: "09:00", end: "09:00" }, "activeHours.0.end"],
    [{ start: "9:00", end: "17:00" }, "activeHours.0.start"],
    [{ start: "09:00", end: "24:00" }, "activeHours.0.end"],
    [{ start: "09:00:00", end: "17:00" }, "activeHours.0.start"],
  ])("refuses the window %o", (times, path) => {
    const result = createQueueSchema.safeParse({ ...valid, activeHours: [{ days: [1], ...times }] });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([path]);
  });

  it("refuses penalties and priorities out of range", () => {
    const result = createQueueSchema.safeParse({
      ...valid,
      staticMembers: [{ number: "201", penalty: -1 }],
      vipCallers: [{ number: "1", priority: 101 }],
    });
    expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "staticMembers.0.penalty",
      "vipCallers.0.priority",
    ]);
  });
});
