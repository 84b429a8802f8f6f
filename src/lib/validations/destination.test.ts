import { describe, expect, it } from "vitest";
import { describeDestination, destinationSchema } from "./destination";

describe("destinationSchema", () => {
  it("gives hangup no target, and trims a target's spaces", () => {
    expect(destinationSchema.parse({ type: "hangup" })).toEqual({ type: "hangup", target: null });
    expect(destinationSchema.parse({ type: "hangup", target: "" })).toEqual({ type: "hangup", target: null });
    expect(destinationSchema.parse({ type: "queue", target: " 700 " })).toEqual({
      type: "queue",
      target: "700",
    });
  });

  it.each([
    [{ type: "hangup", target: "201" }, "target", "Hang up takes no target."],
    [{ type: "voicemail", target: "" }, "target", "Choose the extension with voicemail calls go to."],
    [{ type: "group", target: "6\n01" }, "target", "Use 2 to 8 digits."],
    [{ type: "extension", target: " 201\n" }, "target", "Use 2 to 8 digits."],
    [{ type: "extension", target: "２０１" }, "target", "Use 2 to 8 digits."],
    [{ type: "Extension", target: "201" }, "type", "Choose where calls go."],
  ])("refuses %o on %s", (input, path, message) => {
    const result = destinationSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([[path, message]]);
  });
});

describe("describeDestination", () => {
  it("reads as a short phrase", () => {
    expect(describeDestination({ type: "hangup", target: null })).toBe("hang up");
    expect(describeDestination({ type: "group", target: "600" })).toBe("ring group 600");
    expect(describeDestination({ type: "voicemail", target: "201" })).toBe("extension with voicemail 201");
  });
});
