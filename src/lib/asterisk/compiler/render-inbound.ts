import type { CallerListState, ConfigState, Destination, DidState, RingTreeState } from "./state";

/**
 * The template scope of inbound routing: DIDs ([sb-from-trunk]), the pattern entries of block and
 * allow lists, ring trees, and the list screening of queues. Exact-number list entries are not
 * compiled at all: they live in AstDB (lib/routing/astdb-sync.ts), so adding or removing one needs
 * no dialplan reload.
 */
export function inboundScope(state: ConfigState) {
  const lists = new Map(state.callerLists.map((l) => [l.id, l]));
  const groups = new Map(state.groups.map((g) => [g.number, g]));
  const byNumber = <T extends { number: string }>(a: T, b: T) =>
    a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  return {
    dids: [...state.dids].sort(byNumber).map((d) => didView(d, lists)),
    patternLists: [...state.callerLists]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map(patternListView)
      .filter((l) => l.patterns.length > 0),
    ringTrees: [...state.ringTrees].sort(byNumber).map((t) => ringTreeView(t, lists, groups)),
  };
}

/** `screen` for a queue's dialplan entry, by its list ids. */
export function screens(state: ConfigState): (listIds: string[]) => Screen {
  const lists = new Map(state.callerLists.map((l) => [l.id, l]));
  return (listIds) => screenView(listIds, lists);
}

export type Screen = ReturnType<typeof screenView>;

/** What the trace calls a destination: its number, or "hangup". */
export function stepTarget(d: Destination): string {
  return d.type === "hangup" || !d.target ? "hangup" : d.target;
}

/** Types where a call's route ends (a person, a box or a hang-up); the others route further. */
export const FINAL_TYPES: ReadonlySet<Destination["type"]> = new Set([
  "extension",
  "group",
  "queue",
  "voicemail",
  "hangup",
]);

function routeDestinationView(d: Destination) {
  const hangup = d.type === "hangup" || !d.target;
  return {
    /** Final destinations are announced with a `destination` step before the jump. */
    final: FINAL_TYPES.has(d.type) || hangup,
    stepTarget: stepTarget(d),
    type: hangup ? "hangup" : d.type,
    hangup,
    voicemail: d.type === "voicemail" && !hangup,
    goto: d.type !== "hangup" && d.type !== "voicemail" && !hangup,
    target: d.target,
  };
}

/**
 * Allow lists first: a caller on any of them is let through; with allow lists and the caller on
 * none, the call is refused. Without allow lists, a caller on any block list is refused.
 */
function screenView(listIds: string[], lists: Map<string, CallerListState>) {
  const known = [...new Set(listIds)].map((id) => lists.get(id)).filter((l) => l !== undefined);
  const allow = known.filter((l) => l.kind === "allow").map((l, i) => ({ id: l.id, rest: i > 0 }));
  const block = known.filter((l) => l.kind === "block").map((l, i) => ({ id: l.id, rest: i > 0 }));
  return { on: allow.length + block.length > 0, allow, block };
}

function didView(d: DidState, lists: Map<string, CallerListState>) {
  return {
    __source: `did:${d.id}`,
    number: d.number,
    trunk: d.trunkName ?? "any",
    screen: screenView(d.lists, lists),
    destination: routeDestinationView(d.destination),
    rules: d.rules.map((r, i) => ({
      did: d.number,
      context: ruleContext(d.id, i),
      label: `rule-${i + 1}`,
      pattern: r.pattern,
      destination: routeDestinationView(r.destination),
    })),
  };
}

/** One context per caller-ID rule, so rules match in their order rather than by specificity. */
export function ruleContext(didId: string, index: number): string {
  return `sb-cid-${didId}-${index + 1}`;
}

function patternListView(l: CallerListState) {
  return {
    __source: `callerlist:${l.id}`,
    id: l.id,
    patterns: l.entries
      .filter((e) => e.value.startsWith("_"))
      .map((e) => ({ value: e.value, expires: String(e.expiresAt ?? 0) })),
  };
}

function ringTreeView(
  t: RingTreeState,
  lists: Map<string, CallerListState>,
  groups: Map<string, ConfigState["groups"][number]>,
) {
  return {
    __source: `ringtree:${t.id}`,
    number: t.number,
    screen: screenView(t.lists, lists),
    nodes: t.nodes.map((n) => {
      const group = n.kind === "group" && n.target ? groups.get(n.target) : undefined;
      const list = n.listId ? lists.get(n.listId) : undefined;
      return {
        tree: t.number,
        key: n.key,
        target: n.target,
        timeout: n.timeout,
        ringExtension: n.kind === "extension" && Boolean(n.target),
        ringGroup: Boolean(group && group.members.length > 0),
        members: (group?.members ?? []).map((number, i) => ({ number, rest: i > 0 })),
        ringQueue: n.kind === "queue" && Boolean(n.target),
        voicemail: n.kind === "voicemail" && Boolean(n.target),
        hangup: n.kind === "hangup",
        filter: n.kind === "filter" && Boolean(list),
        listId: n.listId,
        /** GOSUB_RETVAL of sb-list-match that refuses: 1 (listed) for a block list, 0 for an allow list. */
        refuseWhen: list?.kind === "allow" ? "0" : "1",
        label: `refuse-${n.key}`,
      };
    }),
    filters: t.nodes
      .filter((n) => n.kind === "filter" && n.listId && lists.has(n.listId))
      .map((n) => ({ label: `refuse-${n.key}`, listId: n.listId })),
  };
}
