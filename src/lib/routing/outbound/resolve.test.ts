import { describe, expect, it } from "vitest";
import { SAMPLE_STATE } from "@/lib/asterisk/compiler/sample-state";
import type { ConfigState } from "@/lib/asterisk/compiler/state";
import { resolveOutbound, routesInOrder } from "./resolve";

const ada = { number: "1001", classOfService: "international" as const, outboundCallerId: "+441230000001" };
const bob = { number: "1002", classOfService: "internal" as const, outboundCallerId: null };
const old = { number: "1003", classOfService: "national" as const, outboundCallerId: null };

describe("resolveOutbound on the sample state", () => {
  it("sends international numbers through the International route, trunks in failover order", () => {
    const r = resolveOutbound(SAMPLE_STATE, ada, "0044207946000");
    expect(r.kind).toBe("route");
    if (r.kind !== "route") return;
    expect(r.route.name).toBe("International");
    expect(r.pattern).toBe("_00Z.");
    expect(r.dialled).toBe("0044207946000");
    expect(r.attempts).toEqual([
      { trunk: "carrier-main", callerId: "+441230000000", dialString: "PJSIP/0044207946000@carrier-main" },
      { trunk: "backup_ip", callerId: "+442079460000", dialString: "PJSIP/0044207946000@backup_ip" },
    ]);
    expect(r.steps).toEqual([{ step: "outbound", target: r.route.id, detail: "carrier-main" }]);
  });

  it("strips and prepends on the National route", () => {
    const r = resolveOutbound(SAMPLE_STATE, old, "0207946000");
    expect(r.kind === "route" && r.route.name).toBe("National");
    expect(r.kind === "route" && r.dialled).toBe("44207946000");
    // backup_ip sends its fixed number; carrier-main the route's (none) then the extension's own.
    expect(r.kind === "route" && r.attempts.map((a) => a.callerId)).toEqual(["+442079460000", "1003"]);
  });

  it("refuses a route the caller's class doesn't admit, and says which", () => {
    const r = resolveOutbound(SAMPLE_STATE, bob, "0207946000");
    expect(r).toEqual({
      kind: "none",
      notAllowed: [
        { id: "00000000-0000-4000-8000-000000008001", name: "National", pattern: "_0[1-9]XXXXXXXX" },
      ],
    });
    // but every class may call emergency numbers, and passthrough keeps the caller's number
    const e = resolveOutbound(SAMPLE_STATE, bob, "112");
    expect(e.kind === "route" && e.attempts).toEqual([
      { trunk: "Emergency", callerId: "1002", dialString: "PJSIP/112@Emergency" },
    ]);
  });

  it("lets internal numbers win over any route", () => {
    const state: ConfigState = {
      ...SAMPLE_STATE,
      outboundRoutes: [{ ...SAMPLE_STATE.outboundRoutes[0]!, patterns: ["_X."], position: -1 }],
    };
    expect(resolveOutbound(state, ada, "1002")).toEqual({ kind: "internal", number: "1002" });
    expect(resolveOutbound(state, ada, "5000")).toEqual({ kind: "internal", number: "5000" });
  });

  it("follows route order, not specificity, between routes", () => {
    const [intl, national] = [SAMPLE_STATE.outboundRoutes[0]!, SAMPLE_STATE.outboundRoutes[1]!];
    // A catch-all first route shadows a more specific later one, as include order does in Asterisk.
    const catchAll = { ...national, patterns: ["_0X."], position: 0 };
    const specific = { ...intl, patterns: ["_0044X."], position: 1 };
    const state = { ...SAMPLE_STATE, outboundRoutes: [specific, catchAll] };
    const r = resolveOutbound(state, ada, "004420");
    expect(r.kind === "route" && r.route.name).toBe("National");
    expect(routesInOrder(state.outboundRoutes).map((x) => x.position)).toEqual([0, 1]);
  });

  it("skips inbound-only trunks and reports nothing for an unmatched number", () => {
    const state: ConfigState = {
      ...SAMPLE_STATE,
      trunks: SAMPLE_STATE.trunks.map((t) =>
        t.name === "carrier-main" ? { ...t, direction: "inbound" } : t,
      ),
    };
    const r = resolveOutbound(state, ada, "0033123");
    expect(r.kind === "route" && r.attempts.map((a) => a.trunk)).toEqual(["backup_ip"]);
    expect(resolveOutbound(SAMPLE_STATE, ada, "7")).toEqual({ kind: "none", notAllowed: [] });
  });
});
