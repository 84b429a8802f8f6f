import { edgeFrom, type IvrNode, keyHandle, MENU_KEYS } from "@/lib/ivr/graph";
import { holidaySegments } from "@/lib/routing/time-condition";
import type { ConfigState, Destination, IvrState, MohClassState, TimeConditionState } from "./state";

/**
 * Template views for IVRs, time conditions and music-on-hold classes (extensions_switchboard.conf
 * and musiconhold_switchboard.conf). Kept apart from render.ts so the routing objects add one
 * scope block there. Every value still passes its allowlist in the template; nothing here
 * formats text into a config line.
 */
export function routingScope(state: ConfigState) {
  const byNumber = <T extends { number: string }>(a: T, b: T) =>
    a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  const tcs = new Map(state.timeConditions.map((t) => [t.number, t]));
  const soundPath = soundPathIn(state.soundsDir);
  return {
    timeConditions: [...state.timeConditions].sort(byNumber).map((t) => timeConditionView(t)),
    ivrs: [...state.ivrs].sort(byNumber).map((i) => ivrView(i, tcs, soundPath)),
    mohClasses: [...state.mohClasses]
      .filter((c) => c.sounds.length > 0)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((c) => mohView(c, soundPath)),
  };
}

/**
 * A library sound as Playback, Read, queues.conf and MOH name it: `<sounds dir>/<id>`, without
 * the extension (Asterisk picks the format). Ids are uuids, never anything a user typed.
 */
export function soundPathIn(soundsDir: string): (id: string | null) => string | null {
  const dir = soundsDir.replace(/\/+$/, "");
  return (id) => (id ? `${dir}/${id}` : null);
}

/** Where a call goes; `final` destinations announce a `destination` step before they go. */
export function routeView(d: Destination) {
  const hangup = d.type === "hangup" || !d.target;
  return {
    hangup,
    voicemail: d.type === "voicemail" && Boolean(d.target),
    goto: d.type !== "hangup" && d.type !== "voicemail" && Boolean(d.target),
    target: d.target,
    type: hangup ? "hangup" : d.type,
    /** IVRs, time conditions and ring trees announce themselves when entered. */
    final: hangup || !["ivr", "timecondition", "ringtree"].includes(d.type),
  };
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function rulesView(t: Pick<TimeConditionState, "schedule" | "holidays">) {
  return {
    holidays: t.holidays
      .flatMap((h) => holidaySegments(h))
      .map((s) => ({ year: s.year, month: s.month, days: s.days })),
    rules: t.schedule.map((r) => ({
      start: r.start,
      end: r.end,
      days: [...new Set(r.days)].sort().map((d, i) => ({ name: DAY_NAMES[d] ?? String(d), rest: i > 0 })),
    })),
  };
}

function timeConditionView(t: TimeConditionState) {
  const { holidays, rules } = rulesView(t);
  return {
    __source: `timecondition:${t.id}`,
    number: t.number,
    holidays,
    rules,
    matched: routeView(t.matched),
    unmatched: routeView(t.unmatched),
  };
}

function mohView(c: MohClassState, soundPath: (id: string) => string | null) {
  return {
    __source: `mohclass:${c.id}`,
    name: c.name,
    random: c.sort === "random",
    entries: c.sounds.map((id) => ({ path: soundPath(id) })),
  };
}

/**
 * One dialplan extension per node, named n1, n2… in a stable order (start first, then by id):
 * node ids come from the browser and only ever appear as UserEvent details.
 */
function ivrView(
  ivr: IvrState,
  tcs: Map<string, TimeConditionState>,
  soundPath: (id: string | null) => string | null,
) {
  const nodes = [...ivr.graph.nodes].sort((a, b) =>
    a.type === "start" ? -1 : b.type === "start" ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  const keyOf = new Map(nodes.map((n, i) => [n.id, `n${i + 1}`]));
  const next: Next = (n, handle) => {
    const e = edgeFrom(ivr.graph, n.id, handle);
    // A checked graph has every output connected; an unconnected one hangs up rather than
    // falling into the next extension.
    return (e && keyOf.get(e.target)) ?? "hangup";
  };
  return {
    __source: `ivr:${ivr.id}`,
    number: ivr.number,
    entry: keyOf.get(nodes[0]?.id ?? "") ?? "hangup",
    steps: nodes.map((n) =>
      stepView(
        n,
        { key: keyOf.get(n.id) ?? "hangup", nodeId: n.id, ivrNumber: ivr.number },
        next,
        tcs,
        soundPath,
      ),
    ),
  };
}

type Next = (n: IvrNode, handle: string) => string;

/**
 * One step: its ids, a flag per kind and that kind's fields. Built by assignment, not by
 * spreading a base object: V8's object spread made this loop cost more than the IVRs' templates.
 */
type StepView = { key: string; nodeId: string; ivrNumber: string } & Record<
  "start" | "play" | "menu" | "tc" | "route",
  boolean
> &
  Record<string, unknown>;

function stepView(
  n: IvrNode,
  ids: { key: string; nodeId: string; ivrNumber: string },
  next: Next,
  tcs: Map<string, TimeConditionState>,
  soundPath: (id: string | null) => string | null,
): StepView {
  const step: StepView = {
    key: ids.key,
    nodeId: ids.nodeId,
    ivrNumber: ids.ivrNumber,
    start: false,
    play: false,
    menu: false,
    tc: false,
    route: false,
  };
  switch (n.type) {
    case "start":
      step.start = true;
      step.next = next(n, "next");
      break;
    case "play":
      step.play = true;
      step.sound = soundPath(n.data.soundId);
      step.next = next(n, "next");
      break;
    case "menu":
      step.menu = true;
      step.sound = soundPath(n.data.promptSoundId);
      step.timeout = n.data.timeout;
      step.retries = n.data.retries;
      step.keys = MENU_KEYS.filter((k) => n.data.keys.includes(k)).map((k) => ({
        digit: k,
        next: next(n, keyHandle(k)),
      }));
      step.onTimeout = next(n, "timeout");
      step.onInvalid = next(n, "invalid");
      break;
    case "timecondition": {
      const tc = n.data.number ? tcs.get(n.data.number) : undefined;
      const { holidays, rules } = rulesView(tc ?? { schedule: [], holidays: [] });
      step.tc = true;
      step.tcNumber = n.data.number;
      step.holidays = holidays;
      step.rules = rules;
      step.onMatched = next(n, "matched");
      step.onUnmatched = next(n, "unmatched");
      break;
    }
    case "destination":
      step.route = true;
      step.dest = routeView(n.data.destination);
      break;
    case "voicemail":
      step.route = true;
      step.dest = routeView(
        n.data.mailbox ? { type: "voicemail", target: n.data.mailbox } : { type: "hangup", target: null },
      );
      break;
    case "hangup":
      step.route = true;
      step.dest = routeView({ type: "hangup", target: null });
      break;
  }
  return step;
}
