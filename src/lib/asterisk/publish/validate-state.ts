import { ALLOW, ALLOW_MESSAGES, type AllowlistName } from "../allowlists";
import type { ConfigState, Destination } from "../compiler/state";
import { validateInbound } from "./validate-inbound";
import { validateRoutingState } from "./validate-routing-state";

export type StateProblem = { source: string; label: string; field: string; message: string };

/**
 * Everything that would stop a render or break a call path, listed all at once with the object
 * and field it comes from (the renderer's guard stops at the first). Runs before every apply and
 * on the review page.
 */
export function validateState(state: ConfigState): StateProblem[] {
  const problems: StateProblem[] = [];
  const check = (source: string, label: string, field: string, value: unknown, allow: AllowlistName) => {
    if (typeof value !== "string" || !ALLOW[allow].test(value)) {
      problems.push({
        source,
        label,
        field,
        message: `${ALLOW_MESSAGES[allow]} (found ${JSON.stringify(String(value)).slice(0, 40)})`,
      });
    }
  };
  const extNumbers = new Set(state.extensions.map((e) => e.number));
  const voicemailNumbers = new Set(state.extensions.filter((e) => e.voicemailEnabled).map((e) => e.number));
  const groupNumbers = new Set(state.groups.map((g) => g.number));
  const queueNumbers = new Set(state.queues.map((q) => q.number));
  // Numbers each destination type may target. IVRs, time conditions and ring trees join as
  // their objects reach ConfigState.
  const pools: Record<Exclude<Destination["type"], "hangup">, Set<string>> = {
    extension: extNumbers,
    group: groupNumbers,
    queue: queueNumbers,
    voicemail: voicemailNumbers,
    ivr: new Set(state.ivrs.map((i) => i.number)),
    timecondition: new Set(state.timeConditions.map((t) => t.number)),
    ringtree: new Set(state.ringTrees.map((t) => t.number)),
  };
  const checkDestination = (source: string, label: string, field: string, d: Destination) => {
    if (d.type === "hangup") return;
    const pool = pools[d.type];
    if (!d.target || !pool.has(d.target)) {
      problems.push({
        source,
        label,
        field,
        message: `points at ${d.type} ${d.target ?? "(none)"}, which does not exist${d.type === "voicemail" ? " or has no voicemail" : ""}.`,
      });
    }
  };

  check("settings", "Settings", "timezone", state.timezone, "timezone");
  const seen = new Map<string, string>();
  const claim = (number: string, source: string, label: string) => {
    const other = seen.get(number);
    if (other)
      problems.push({ source, label, field: "number", message: `${number} is also used by ${other}.` });
    else seen.set(number, label);
  };

  for (const e of state.extensions) {
    const src = `extension:${e.id}`;
    const label = `Extension ${e.number}`;
    claim(e.number, src, label);
    check(src, label, "number", e.number, "extensionNumber");
    check(src, label, "displayName", e.displayName, "displayName");
    if (e.enabled) check(src, label, "secret", e.secret, "sipSecret");
    if (e.codecs.length === 0)
      problems.push({ source: src, label, field: "codecs", message: "Choose at least one codec." });
    for (const c of e.codecs) check(src, label, "codecs", c, "codec");
    if (e.voicemailEnabled) check(src, label, "voicemailPin", e.voicemailPin, "pin");
  }
  for (const g of state.groups) {
    const src = `group:${g.id}`;
    const label = `Ring group ${g.number}`;
    claim(g.number, src, label);
    check(src, label, "number", g.number, "extensionNumber");
    for (const m of g.members)
      if (!extNumbers.has(m))
        problems.push({ source: src, label, field: "members", message: `member ${m} is not an extension.` });
    checkDestination(src, label, "failover", g.failover);
  }
  for (const q of state.queues) {
    const src = `queue:${q.id}`;
    const label = `Queue ${q.number}`;
    claim(q.number, src, label);
    check(src, label, "number", q.number, "extensionNumber");
    check(src, label, "mohClass", q.mohClass, "identifier");
    for (const v of q.vips) check(src, label, "vips", v.number, "dial");
    for (const w of q.activeHours) {
      check(src, label, "activeHours", w.start, "time");
      check(src, label, "activeHours", w.end, "time");
    }
    for (const m of q.members)
      if (!extNumbers.has(m.number))
        problems.push({
          source: src,
          label,
          field: "members",
          message: `member ${m.number} is not an extension.`,
        });
    checkDestination(src, label, "outOfHours", q.outOfHours);
  }
  problems.push(...validateInbound(state, { checkDestination, claim }));
  problems.push(...validateRoutingState(state, { claim, checkDestination, check }));
  problems.push(...validateOutbound(state, check));
  return problems;
}

type Check = (source: string, label: string, field: string, value: unknown, allow: AllowlistName) => void;

/** Trunks and outbound routes: fields, credentials a registration needs, and trunk references. */
function validateOutbound(state: ConfigState, check: Check): StateProblem[] {
  const problems: StateProblem[] = [];
  const trunks = new Map(state.trunks.map((t) => [t.name, t]));
  for (const t of state.trunks) {
    const src = `trunk:${t.id}`;
    const label = `Trunk ${t.name}`;
    check(src, label, "name", t.name, "trunkName");
    check(src, label, "host", t.host, "host");
    for (const c of t.codecs) check(src, label, "codecs", c, "codec");
    if (t.fromUser !== null) check(src, label, "fromUser", t.fromUser, "sipUser");
    if (t.authMode === "registration") {
      check(src, label, "username", t.username, "sipUser");
      check(src, label, "secret", t.secret, "trunkSecret");
    }
    if (t.callerIdMode === "fixed") check(src, label, "fixedCallerId", t.fixedCallerId, "dial");
  }
  for (const r of state.outboundRoutes) {
    const src = `route:${r.id}`;
    const label = `Outbound route ${r.name}`;
    for (const p of r.patterns) check(src, label, "patterns", p, "dialPattern");
    check(src, label, "prepend", r.prepend, "dialOrEmpty");
    if (r.callerId !== null) check(src, label, "callerId", r.callerId, "dial");
    for (const name of r.trunks) {
      const t = trunks.get(name);
      if (!t)
        problems.push({ source: src, label, field: "trunks", message: `trunk ${name} does not exist.` });
      else if (t.direction === "inbound")
        problems.push({ source: src, label, field: "trunks", message: `trunk ${name} is inbound only.` });
    }
  }
  return problems;
}
