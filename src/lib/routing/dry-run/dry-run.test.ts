import { describe, expect, it } from "vitest";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { SAMPLE_STATE } from "@/lib/asterisk/compiler/sample-state";
import type { ConfigState } from "@/lib/asterisk/compiler/state";
import { parseDialplan, simulateCall } from "../../../../tests/support/dialplan-sim";
import { dryRun, MAX_HOPS } from "./dry-run";
import { WALKERS } from "./walkers";

const SPAM = "00000000-0000-4000-8000-000000007201";
const VIPS = "00000000-0000-4000-8000-000000007202";
const MAIN = "+442071230000";
const AT = new Date("2026-06-01T10:00:00Z");

const spamBlocked = { step: "blocklist", target: SPAM, detail: "blocked" };
const run = (callerId: string, did = MAIN, at = AT, state: ConfigState = SAMPLE_STATE) =>
  dryRun(state, { did, callerId, at, digits: [] });

describe("dryRun", () => {
  it("follows a DID into its ring tree and through every node when nobody answers", () => {
    const r = run("+441999000000");
    expect(r.steps).toEqual([
      { step: "did", target: MAIN, detail: "carrier-a" },
      { step: "ringtree", target: "7100", detail: "n1" },
      { step: "ringtree", target: "7100", detail: "n2" },
      { step: "ringtree", target: "7100", detail: "n3" },
      { step: "blocklist", target: VIPS, detail: "blocked" },
    ]);
    expect(r.end).toEqual({ kind: "refused" });
  });

  it("takes the first matching caller-ID rule, and the queue screens with its allow list", () => {
    const r = run("+441234567890");
    expect(r.steps).toEqual([
      { step: "did", target: MAIN, detail: "carrier-a" },
      { step: "callerid", target: MAIN, detail: "+441234567890" },
      { step: "destination", target: "5000", detail: "queue" },
      { step: "blocklist", target: VIPS, detail: "allowed" },
    ]);
    expect(r.end).toEqual({ kind: "destination", destination: { type: "queue", target: "5000" } });
  });

  it("refuses a blocked exact number and a blocked pattern, and lets a pattern entry expire", () => {
    expect(run("+15550100").end).toEqual({ kind: "refused" });
    expect(run("0900123456").steps.at(-1)).toEqual({ step: "blocklist", target: SPAM, detail: "blocked" });
    // _+1[2-4]55X. expires at 1893456000 (2030-01-01): blocked before, through after.
    expect(run("+13551234").end).toEqual({ kind: "refused" });
    // (The ring tree's VIP filter still refuses them later, but the spam list no longer does.)
    expect(run("+13551234", MAIN, new Date("2030-01-02T00:00:00Z")).steps).not.toContainEqual(spamBlocked);
  });

  it("says so for an unknown DID, and for a DID that hangs up", () => {
    expect(run("123", "+100")).toEqual({ steps: [], end: { kind: "unknown-did" } });
    expect(run("123", "08001234").steps).toEqual([
      { step: "did", target: "08001234", detail: "any" },
      { step: "destination", target: "hangup", detail: "hangup" },
    ]);
  });

  it("stops a route that loops after MAX_HOPS hops", () => {
    const looping: ConfigState = {
      ...SAMPLE_STATE,
      dids: [
        { ...SAMPLE_STATE.dids[0]!, rules: [], lists: [], destination: { type: "ivr", target: "7300" } },
      ],
    };
    // An object that sends the call back to itself (as a misconfigured IVR could).
    const saved = WALKERS.ivr;
    let visits = 0;
    WALKERS.ivr = (ctx, number) => {
      visits++;
      ctx.steps.push({ step: "ivr", target: number, detail: "n1" });
      return { type: "ivr", target: number };
    };
    try {
      const r = run("1", MAIN, AT, looping);
      expect(r.end).toEqual({ kind: "loop" });
      expect(visits).toBe(MAX_HOPS);
      expect(r.steps).toHaveLength(1 + MAX_HOPS);
    } finally {
      if (saved) WALKERS.ivr = saved;
      else delete WALKERS.ivr;
    }
  });
});

describe("the dry run and the compiled dialplan agree", () => {
  const plan = parseDialplan(renderConfig(SAMPLE_STATE).get("extensions_switchboard.conf")!);
  const astdb = new Map<string, string>();
  for (const list of SAMPLE_STATE.callerLists)
    for (const e of list.entries)
      if (!e.value.startsWith("_")) astdb.set(`sblist/${list.id}/${e.value}`, String(e.expiresAt ?? 0));

  const callers = [
    "+441999000000",
    "+441234567890",
    "+15550100",
    "0900123456",
    "+13551234",
    "07700900123",
    "",
  ];
  const dids = [MAIN, "08001234"];
  const times = [AT, new Date("2030-01-02T00:00:00Z")];
  for (const did of dids)
    for (const callerId of callers)
      for (const at of times)
        it(`${callerId || "(no caller ID)"} → ${did} at ${at.toISOString()}`, () => {
          const predicted = run(callerId, did, at);
          const real = simulateCall(plan, {
            context: "sb-from-trunk",
            exten: did,
            callerId,
            epoch: Math.floor(at.getTime() / 1000),
            astdb,
          });
          expect(real.steps).toEqual(predicted.steps);
          expect(real.end === "refused").toBe(predicted.end.kind === "refused");
        });

  it("an exact entry removed from AstDB stops matching without a new dialplan", () => {
    const without = new Map(astdb);
    without.delete(`sblist/${SPAM}/+15550100`);
    const real = simulateCall(plan, {
      context: "sb-from-trunk",
      exten: MAIN,
      callerId: "+15550100",
      epoch: Math.floor(AT.getTime() / 1000),
      astdb: without,
    });
    expect(real.steps).not.toContainEqual(spamBlocked);
    expect(real.steps[1]).toEqual({ step: "ringtree", target: "7100", detail: "n1" });
  });

  it("an exact entry past its expiry stops matching at EPOCH", () => {
    const expiring = new Map(astdb);
    expiring.set(`sblist/${SPAM}/+15550100`, String(Math.floor(AT.getTime() / 1000) + 60));
    const call = (epoch: number) =>
      simulateCall(plan, {
        context: "sb-from-trunk",
        exten: MAIN,
        callerId: "+15550100",
        epoch,
        astdb: expiring,
      });
    expect(call(Math.floor(AT.getTime() / 1000)).steps).toContainEqual(spamBlocked);
    expect(call(Math.floor(AT.getTime() / 1000) + 61).steps).not.toContainEqual(spamBlocked);
  });
});
