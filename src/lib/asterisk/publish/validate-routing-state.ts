import { checkGraph } from "@/lib/ivr/graph";
import { isIsoDate } from "@/lib/routing/time-condition";
import { QUEUE_LIMITS } from "@/lib/validations/queue";
import type { AllowlistName } from "../allowlists";
import type { ConfigState, Destination } from "../compiler/state";
import type { StateProblem } from "./validate-state";

type Helpers = {
  claim: (number: string, source: string, label: string) => void;
  checkDestination: (source: string, label: string, field: string, d: Destination) => void;
  check: (source: string, label: string, field: string, value: unknown, allow: AllowlistName) => void;
};

/** The IVR part of validateState: time conditions, IVRs, sounds and music-on-hold classes. */
export function validateRoutingState(state: ConfigState, h: Helpers): StateProblem[] {
  const problems: StateProblem[] = [];
  const soundIds = new Set(state.sounds.map((s) => s.id));
  const classNames = new Set(state.mohClasses.filter((c) => c.sounds.length > 0).map((c) => c.name));
  h.check("settings", "Settings", "soundsDir", state.soundsDir.replace(/\/+$/, ""), "soundFile");

  for (const c of state.mohClasses) {
    const src = `mohclass:${c.id}`;
    const label = `Music on hold ${c.name}`;
    h.check(src, label, "name", c.name, "identifier");
    if (c.name === "default")
      problems.push({ source: src, label, field: "name", message: "“default” is Asterisk's own class." });
    for (const id of c.sounds)
      if (!soundIds.has(id))
        problems.push({
          source: src,
          label,
          field: "sounds",
          message: "uses a sound that no longer exists.",
        });
  }
  for (const q of state.queues) {
    const source = `queue:${q.id}`;
    const label = `Queue ${q.number}`;
    if (q.mohClass !== "default" && !classNames.has(q.mohClass))
      problems.push({
        source,
        label,
        field: "mohClass",
        message: `music-on-hold class “${q.mohClass}” does not exist or has no sounds.`,
      });
    for (const [field, id, what] of [
      ["joinAnnounceSoundId", q.joinAnnounce, "join greeting"],
      ["periodicAnnounceSoundId", q.periodicAnnounce, "periodic announcement"],
      ["agentAnnounceSoundId", q.agentAnnounce, "agent announcement"],
    ] as const)
      if (id && !soundIds.has(id))
        problems.push({ source, label, field, message: `the ${what} uses a sound that no longer exists.` });
    const f = q.periodicAnnounceFrequency;
    const { min, max } = QUEUE_LIMITS.periodicAnnounceFrequency;
    if (q.periodicAnnounce && (f == null || !Number.isInteger(f) || f < min || f > max))
      problems.push({
        source,
        label,
        field: "periodicAnnounceFrequency",
        message: `the periodic announcement needs a frequency of ${min} to ${max} seconds.`,
      });
  }

  for (const t of state.timeConditions) {
    const src = `timecondition:${t.id}`;
    const label = `Time condition ${t.number}`;
    h.claim(t.number, src, label);
    h.check(src, label, "number", t.number, "extensionNumber");
    for (const r of t.schedule) {
      h.check(src, label, "schedule", r.start, "time");
      h.check(src, label, "schedule", r.end, "time");
      if (r.days.length === 0 || r.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
        problems.push({ source: src, label, field: "schedule", message: "a rule has no valid days." });
    }
    for (const hol of t.holidays)
      if (!isIsoDate(hol.start) || !isIsoDate(hol.end) || hol.end < hol.start)
        problems.push({
          source: src,
          label,
          field: "holidays",
          message: `holiday ${hol.start}–${hol.end} is not a date range.`,
        });
    h.checkDestination(src, label, "matched", t.matched);
    h.checkDestination(src, label, "unmatched", t.unmatched);
  }

  const ctx = {
    soundIds,
    timeConditionNumbers: new Set(state.timeConditions.map((t) => t.number)),
    voicemailNumbers: new Set(state.extensions.filter((e) => e.voicemailEnabled).map((e) => e.number)),
  };
  for (const ivr of state.ivrs) {
    const src = `ivr:${ivr.id}`;
    const label = `IVR ${ivr.number}`;
    h.claim(ivr.number, src, label);
    h.check(src, label, "number", ivr.number, "extensionNumber");
    for (const p of checkGraph(ivr.graph, ctx))
      problems.push({ source: src, label, field: "graph", message: p.message });
    for (const n of ivr.graph.nodes)
      if (n.type === "destination") h.checkDestination(src, label, `graph.${n.id}`, n.data.destination);
  }
  return problems;
}
