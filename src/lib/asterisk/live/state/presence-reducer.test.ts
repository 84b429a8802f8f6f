import { describe, expect, it } from "vitest";
import { BlfState } from "../types";
import { amiEvent, newTestStore, rebuildLists, replay } from "./testing/replay";

const status = (exten: string, code: string, timestamp = "1795320000.000000") =>
  amiEvent("ExtensionStatus", {
    Timestamp: timestamp,
    Exten: exten,
    Context: "from-internal",
    Hint: `PJSIP/${exten}`,
    Status: code,
  });

describe("hints", () => {
  it("follows ExtensionStatus, moving `since` only when the state changes", () => {
    const s = newTestStore();
    s.apply(status("1001", "0", "1795320000.000000"));
    expect(s.apply(status("1001", "0", "1795320001.000000"))).toEqual([]);
    s.apply(status("1001", "8", "1795320002.000000"));
    expect(s.state.extensions["1001@from-internal"]).toEqual({
      exten: "1001",
      context: "from-internal",
      hint: "PJSIP/1001",
      state: BlfState.Ringing,
      since: 1795320002000,
    });
  });

  it("keeps the known hint through the empty `Hint:` Asterisk sends while booting (18)", () => {
    const s = newTestStore();
    const hints: string[] = [];
    replay(
      "18-asterisk-restart",
      (step) => {
        if (
          step.kind === "event" &&
          step.event.event === "ExtensionStatus" &&
          step.event.fields.Hint === ""
        ) {
          hints.push(s.state.extensions[`${step.event.fields.Exten}@from-internal`]?.hint ?? "");
        }
      },
      s,
    );
    expect(hints).toEqual([
      "PJSIP/1001",
      "PJSIP/1002",
      "PJSIP/1003",
      "PJSIP/1004",
      "PJSIP/1005",
      "confbridge:800",
    ]);
  });
});

describe("devices", () => {
  it("follows DeviceStateChange but skips the devices Asterisk never lists (Local/, CBAnn/)", () => {
    const s = replay("11-attended-transfer");
    expect(s.state.devices["PJSIP/1004"]?.state).toBe(BlfState.Idle);
    expect(Object.keys(s.state.devices).filter((d) => d.startsWith("Local/"))).toEqual([]);
    expect(s.apply(amiEvent("DeviceStateChange", { Device: "CBAnn/800", State: "UNKNOWN" }))).toEqual([]);
  });
});

describe("DND", () => {
  const dnd = (exten: string, state: string) =>
    amiEvent("UserEvent", { UserEvent: "SwitchboardDnd", ActionID: "7", Exten: exten, State: state });
  const tree = (...extens: string[]) =>
    extens.map((e) => amiEvent("DBGetTreeResponse", { Key: `/sbdnd/${e}`, Val: "1" }));

  it("shows dnd whatever Asterisk says while on, and what Asterisk last said once off", () => {
    let now = 1795320010000;
    const s = newTestStore(() => now);
    s.apply(status("1001", "0"));
    s.apply(status("1002", "0"));
    expect(s.apply(dnd("1001", "on"))).toEqual([
      {
        op: "upsert",
        collection: "extensions",
        key: "1001@from-internal",
        value: expect.objectContaining({ state: BlfState.Dnd, since: 1795320010000 }),
      },
    ]);
    expect(s.apply(status("1001", "2"))).toEqual([]);
    expect(s.state.extensions["1001@from-internal"]?.state).toBe(BlfState.Dnd);
    expect(s.state.extensions["1002@from-internal"]?.state).toBe(BlfState.Idle);

    now = 1795320020000;
    s.apply(dnd("1001", "off"));
    expect(s.state.extensions["1001@from-internal"]).toMatchObject({
      state: BlfState.Busy,
      since: 1795320020000,
    });
  });

  it("applies to a hint that shows up later; ignores other user events and unexpected values", () => {
    const s = newTestStore();
    s.apply(dnd("1001", "on"));
    s.apply(status("1001", "0"));
    expect(s.state.extensions["1001@from-internal"]?.state).toBe(BlfState.Dnd);
    s.apply(status("1002", "0"));
    for (const e of [
      amiEvent("UserEvent", { UserEvent: "SwitchboardRoute", Exten: "1002", State: "on" }),
      dnd("10;02", "on"),
      dnd("1002", "maybe"),
    ])
      expect(s.apply(e)).toEqual([]);
    expect(s.state.extensions["1002@from-internal"]?.state).toBe(BlfState.Idle);
  });

  it("is rebuilt from AstDB (DBGetTree), and kept as it was when the rebuild has no such list", () => {
    const s = newTestStore();
    s.apply(dnd("1001", "on"));
    s.rebuild(rebuildLists({ ExtensionStateList: [status("1001", "1"), status("1002", "0")] }));
    expect(s.state.extensions["1001@from-internal"]?.state).toBe(BlfState.Dnd);
    s.rebuild({
      ...rebuildLists({ ExtensionStateList: [status("1001", "1"), status("1002", "0")] }),
      DBGetTree: tree("1002"),
    });
    expect(s.state.extensions["1001@from-internal"]?.state).toBe(BlfState.InUse);
    expect(s.state.extensions["1002@from-internal"]?.state).toBe(BlfState.Dnd);
  });
});
