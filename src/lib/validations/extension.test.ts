import { describe, expect, it } from "vitest";
import { createExtensionSchema, updateExtensionSchema } from "./extension";

const ID = "0b8f3f5e-6a53-4b53-9d43-2f1d0f5a7c11";

function failedPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => i.path.join("."));
}

describe("createExtensionSchema", () => {
  it("fills defaults for everything but number and name", () => {
    expect(createExtensionSchema.parse({ number: "201", displayName: "Desk" })).toEqual({
      number: "201",
      displayName: "Desk",
      userId: null,
      enabled: true,
      webrtc: false,
      codecs: ["ulaw", "alaw"],
      maxContacts: 1,
      voicemailEnabled: false,
      voicemailPin: null,
      recordingPolicy: "never",
      outboundCallerId: null,
      pickupGroup: null,
      callWaiting: true,
      dnd: false,
      classOfService: "national",
    });
  });

  it("trims spaces only, and turns empty optional fields into null", () => {
    const out = createExtensionSchema.parse({
      number: " 201 ",
      displayName: " Desk ",
      userId: "",
      voicemailPin: " ",
      outboundCallerId: "",
      pickupGroup: "",
      maxContacts: 4,
    });
    expect(out).toMatchObject({
      number: "201",
      displayName: "Desk",
      userId: null,
      voicemailPin: null,
      outboundCallerId: null,
      pickupGroup: null,
      maxContacts: 4,
    });
  });

  it.each([
    ["number", { number: "1" }],
    ["number", { number: "123456789" }],
    ["number", { number: "201\n" }],
    ["number", { number: "\t201" }],
    ["displayName", { displayName: "" }],
    ["displayName", { displayName: "Desk\r" }],
    ["displayName", { displayName: "x".repeat(41) }],
    ["maxContacts", { maxContacts: "0" }],
    ["maxContacts", { maxContacts: "11" }],
    ["maxContacts", { maxContacts: "1.5" }],
    ["pickupGroup", { pickupGroup: "64" }],
    ["pickupGroup", { pickupGroup: "-1" }],
    ["codecs", { codecs: [] }],
    ["codecs", { codecs: ["ulaw", "ulaw"] }],
    ["codecs", { codecs: ["speex"] }],
    ["voicemailPin", { voicemailEnabled: true }],
    ["voicemailPin", { voicemailPin: "123" }],
    ["outboundCallerId", { outboundCallerId: "12 34" }],
    ["userId", { userId: "admin" }],
    ["recordingPolicy", { recordingPolicy: "ALWAYS" }],
  ])("rejects a bad %s", (path, patch) => {
    expect(
      failedPaths(createExtensionSchema.safeParse({ number: "201", displayName: "Desk", ...patch })),
    ).toEqual([path]);
  });

  it("gives one message for a very long value, not one per rule", () => {
    const result = createExtensionSchema.safeParse({ number: "9".repeat(5000), displayName: "Desk" });
    expect(result.error?.issues).toHaveLength(1);
  });
});

describe("updateExtensionSchema", () => {
  it("needs an id and lets an empty PIN through with voicemail on (the action keeps the stored one)", () => {
    expect(
      updateExtensionSchema.safeParse({ id: ID, number: "201", displayName: "Desk", voicemailEnabled: true })
        .success,
    ).toBe(true);
    expect(
      failedPaths(updateExtensionSchema.safeParse({ id: "1", number: "201", displayName: "Desk" })),
    ).toEqual(["id"]);
  });
});
