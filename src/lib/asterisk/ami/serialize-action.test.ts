import { describe, expect, it } from "vitest";
import { serializeAction } from "./serialize-action";
import { actionIdOf, loadTranscript, splitHeaders, TRANSCRIPT_NAMES } from "./testing/transcript";

describe("serializeAction", () => {
  it.each(TRANSCRIPT_NAMES)("writes every action recorded in %s byte for byte", (name) => {
    const sends = loadTranscript(name).lines.filter((line) => line.dir === "send");
    expect(sends.length).toBeGreaterThan(0);
    for (const { raw } of sends) {
      const [[, action = ""] = [], ...rest] = splitHeaders(raw);
      const headers = Object.fromEntries(rest.filter(([key]) => key !== "ActionID"));
      expect(serializeAction(action, headers, actionIdOf(raw) ?? "")).toBe(raw);
    }
  });

  it("sends an array as one line per item, and skips undefined", () => {
    expect(
      serializeAction(
        "Originate",
        { Channel: "PJSIP/1001", Variable: ["A=1", "B=2"], Async: true, Account: undefined },
        "id-1",
      ),
    ).toBe(
      "Action: Originate\r\nChannel: PJSIP/1001\r\nVariable: A=1\r\nVariable: B=2\r\nAsync: true\r\nActionID: id-1\r\n\r\n",
    );
  });

  it.each([
    ["CR in a value", "Hangup", { Channel: "a\rb" }],
    ["LF in a value", "Hangup", { Channel: "a\nAction: Originate" }],
    ["NUL in a value", "Hangup", { Channel: "a\0" }],
    ["LF in an array item", "Originate", { Variable: ["A=1", "B=2\nAction: Command"] }],
    ["CR in a key", "Hangup", { "Chan\rnel": "x" }],
    ["LF in a key", "Hangup", { "Chan\nnel": "x" }],
    ["NUL in a key", "Hangup", { "Chan\0nel": "x" }],
    ["a colon in a key", "Hangup", { "Channel: x\r\nFoo": "y" }],
    ["an empty key", "Hangup", { "": "x" }],
    ["LF in the action name", "Ping\r\nAction: Command", {}],
    ["a caller-set ActionID", "Ping", { ActionID: "mine" }],
    ["a second Action header", "Ping", { action: "Command" }],
  ])("throws bad_request:ami_header for %s", (_, action, headers) => {
    expect(() => serializeAction(action, headers, "id-1")).toThrow(
      expect.objectContaining({ name: "AmiError", code: "bad_request:ami_header" }),
    );
  });
});
