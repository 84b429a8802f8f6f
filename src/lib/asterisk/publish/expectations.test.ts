import { describe, expect, it } from "vitest";
import type { ConfigFile } from "../compiler/render";
import { expectationsFrom } from "./expectations";

const files = new Map<ConfigFile, string | null>([
  [
    "pjsip_endpoints.conf",
    [
      "; comment",
      "[1001]",
      "type=endpoint",
      "set_var=SB_FP=0123abcd4567",
      "set_var=SB_RECORDING=never",
      "",
      "[1001]",
      "type=aor",
      "set_var=SB_FP=ffffffffffff",
      "[1002]",
      "  type=endpoint\r",
      " set_var=SB_FP=89ab \r",
    ].join("\n"),
  ],
  ["pjsip_trunks.conf", "[carrier1]\ntype=endpoint\n\n[carrier1-reg]\ntype=registration\n"],
  ["queues_switchboard.conf", "; header\n[q500]\nstrategy=rrmemory\n\n[q501]\n"],
  [
    "extensions_switchboard.conf",
    [
      "[sb-extensions]",
      "exten => 1001,hint,PJSIP/1001",
      "exten => 1001,1,Gosub(x)",
      " same => n,Hangup()",
      "exten=>_07X.,1,Return()",
      "[sb-empty]",
      "; exten => 9,1,NoOp()",
    ].join("\n"),
  ],
  ["voicemail_switchboard.conf", null],
]);

describe("expectationsFrom", () => {
  it("reads endpoints with their fingerprints, queues and dialplan contexts from the files", () => {
    const e = expectationsFrom(files);
    expect([...e.endpoints]).toEqual(["1001", "1002", "carrier1"]);
    expect(Object.fromEntries(e.fingerprints)).toEqual({ "1001": "0123abcd4567", "1002": "89ab" });
    expect([...e.queues]).toEqual(["q500", "q501"]);
    expect(Object.fromEntries([...e.contexts].map(([c, x]) => [c, [...x]]))).toEqual({
      "sb-extensions": ["1001", "_07X."],
      "sb-empty": [],
    });
  });

  it("with the changed files, reads only what verifying them needs", () => {
    const e = expectationsFrom(files, ["pjsip_trunks.conf"]);
    expect([...e.endpoints]).toEqual(["1001", "1002", "carrier1"]);
    expect(e.queues.size).toBe(0);
    expect(e.contexts.size).toBe(0);
    const q = expectationsFrom(files, ["queues_switchboard.conf"]);
    expect([q.endpoints.size, q.queues.size, q.contexts.size]).toEqual([0, 2, 0]);
  });

  it("reads missing files as empty", () => {
    const e = expectationsFrom(new Map());
    expect([e.endpoints.size, e.fingerprints.size, e.queues.size, e.contexts.size]).toEqual([0, 0, 0, 0]);
  });
});
