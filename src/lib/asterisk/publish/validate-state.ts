import { ALLOW, ALLOW_MESSAGES, type AllowlistName } from "../allowlists";
import type { ConfigState, Destination } from "../compiler/state";

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
  const checkDestination = (source: string, label: string, field: string, d: Destination) => {
    if (d.type === "hangup") return;
    const pool = {
      extension: extNumbers,
      group: groupNumbers,
      queue: queueNumbers,
      voicemail: voicemailNumbers,
    }[d.type];
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
  return problems;
}
