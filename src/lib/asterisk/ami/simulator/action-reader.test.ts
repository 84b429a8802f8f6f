import { describe, expect, it } from "vitest";
import { ActionReader } from "./action-reader";

describe("ActionReader", () => {
  it("splits actions at the blank line, across chunks cut anywhere", () => {
    const reader = new ActionReader();
    const wire = "Action: Ping\r\nActionID: 1\r\n\r\nAction: Status\r\nActionID: 2\r\n\r\n";
    const actions = [...wire].flatMap((ch) => reader.push(ch));
    expect(actions.map((a) => a.headers)).toEqual([
      [
        ["Action", "Ping"],
        ["ActionID", "1"],
      ],
      [
        ["Action", "Status"],
        ["ActionID", "2"],
      ],
    ]);
    expect(actions.every((a) => a.anomalies.length === 0)).toBe(true);
  });

  it("reads CR/LF smuggled into a value the way Asterisk does, and reports it", () => {
    const reader = new ActionReader();
    // A caller ID carrying "\nAction: Originate": Asterisk accepts LF alone as a line end.
    const [action] = reader.push(
      "Action: Redirect\r\nChannel: PJSIP/1001-00000001\r\nCallerID: x\nAction: Originate\r\nActionID: 9\r\n\r\n",
    );
    expect(action?.headers).toEqual([
      ["Action", "Redirect"],
      ["Channel", "PJSIP/1001-00000001"],
      ["CallerID", "x"],
      ["Action", "Originate"],
      ["ActionID", "9"],
    ]);
    expect(action?.anomalies.sort()).toEqual(["bare-lf", "repeated-action"]);
  });

  it("keeps a value with ': ' whole and flags a line without a colon", () => {
    const [action] = new ActionReader().push("Action: Originate\r\nData: PJSIP/1002,qB: x\r\nbogus\r\n\r\n");
    expect(action?.headers).toEqual([
      ["Action", "Originate"],
      ["Data", "PJSIP/1002,qB: x"],
      ["bogus", ""],
    ]);
    expect(action?.anomalies).toEqual(["no-colon"]);
  });
});
