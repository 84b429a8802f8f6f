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

  describe("announcements from the sound library", () => {
    const SOUND = "00000000-0000-4000-8000-000000009001";
    const issues = (patch: Partial<CreateQueueInput>) =>
      createQueueSchema
        .safeParse({ ...valid, ...patch })
        .error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

    it("are all optional; empty choices are none", () => {
      expect(createQueueSchema.parse(valid)).toMatchObject({
        joinAnnounceSoundId: null,
        periodicAnnounceSoundId: null,
        periodicAnnounceFrequency: null,
        agentAnnounceSoundId: null,
      });
      expect(
        createQueueSchema.parse({
          ...valid,
          joinAnnounceSoundId: "",
          periodicAnnounceSoundId: "",
          periodicAnnounceFrequency: null,
          agentAnnounceSoundId: null,
        }),
      ).toMatchObject({
        joinAnnounceSoundId: null,
        periodicAnnounceSoundId: null,
        agentAnnounceSoundId: null,
      });
    });

    it("keeps chosen sounds and the periodic frequency", () => {
      expect(
        createQueueSchema.parse({
          ...valid,
          joinAnnounceSoundId: SOUND,
          periodicAnnounceSoundId: SOUND,
          periodicAnnounceFrequency: 60,
          agentAnnounceSoundId: SOUND,
        }),
      ).toMatchObject({
        joinAnnounceSoundId: SOUND,
        periodicAnnounceSoundId: SOUND,
        periodicAnnounceFrequency: 60,
        agentAnnounceSoundId: SOUND,
      });
    });

    it("requires a frequency with a periodic announcement, and refuses one without", () => {
      expect(issues({ periodicAnnounceSoundId: SOUND })).toEqual([
        "periodicAnnounceFrequency: Enter how often to repeat it: 15 to 600 seconds.",
      ]);
      expect(issues({ periodicAnnounceFrequency: 60 })).toEqual([
        "periodicAnnounceFrequency: Choose a periodic announcement, or leave its frequency empty.",
      ]);
    });

    it.each([14, 601, 0, -30, 30.5])("refuses a frequency of %s seconds", (f) => {
      expect(issues({ periodicAnnounceSoundId: SOUND, periodicAnnounceFrequency: f })).toEqual([
        "periodicAnnounceFrequency: Enter a whole number from 15 to 600 seconds.",
      ]);
    });

    it.each([15, 600])("accepts the bounds: %s seconds", (f) => {
      expect(issues({ periodicAnnounceSoundId: SOUND, periodicAnnounceFrequency: f })).toEqual([]);
    });

    it("refuses anything but a sound id, on the field that chose it", () => {
      expect(
        issues({
          joinAnnounceSoundId: "welcome.wav",
          agentAnnounceSoundId: "../../etc/passwd",
          periodicAnnounceSoundId: `${SOUND}\n`,
          periodicAnnounceFrequency: 60,
        }).sort(),
      ).toEqual([
        "agentAnnounceSoundId: Choose a sound from the library.",
        "joinAnnounceSoundId: Choose a sound from the library.",
        "periodicAnnounceSoundId: Choose a sound from the library.",
      ]);
    });
  });
});
