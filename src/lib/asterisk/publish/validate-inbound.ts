import { ALLOW, ALLOW_MESSAGES, type AllowlistName } from "../allowlists";
import type { ConfigState, Destination } from "../compiler/state";
import type { StateProblem } from "./validate-state";

type Helpers = {
  checkDestination: (source: string, label: string, field: string, d: Destination) => void;
  claim: (number: string, source: string, label: string) => void;
};

export const RING_TREE_LIMITS = { maxDepth: 3, minTimeout: 5, maxTimeout: 300, maxNodes: 40 } as const;

/** DIDs, caller lists and ring trees: what would stop the render or break a call path. */
export function validateInbound(state: ConfigState, { checkDestination, claim }: Helpers): StateProblem[] {
  const problems: StateProblem[] = [];
  const check = (source: string, label: string, field: string, value: unknown, allow: AllowlistName) => {
    if (typeof value !== "string" || !ALLOW[allow].test(value))
      problems.push({
        source,
        label,
        field,
        message: `${ALLOW_MESSAGES[allow]} (found ${JSON.stringify(String(value)).slice(0, 40)})`,
      });
  };
  const lists = new Map(state.callerLists.map((l) => [l.id, l]));
  const checkLists = (source: string, label: string, ids: string[]) => {
    for (const id of ids)
      if (!lists.has(id))
        problems.push({ source, label, field: "lists", message: `list ${id} does not exist.` });
  };

  for (const l of state.callerLists) {
    const src = `callerlist:${l.id}`;
    const label = `${l.kind === "allow" ? "Allow" : "Block"} list ${l.name}`;
    check(src, label, "id", l.id, "identifier");
    for (const e of l.entries) check(src, label, "entries", e.value, "callerPattern");
  }
  const didNumbers = new Set<string>();
  for (const d of state.dids) {
    const src = `did:${d.id}`;
    const label = `DID ${d.number}`;
    if (didNumbers.has(d.number))
      problems.push({ source: src, label, field: "number", message: `${d.number} is listed twice.` });
    didNumbers.add(d.number);
    check(src, label, "number", d.number, "did");
    if (d.trunkName !== null) check(src, label, "trunkName", d.trunkName, "identifier");
    checkDestination(src, label, "destination", d.destination);
    d.rules.forEach((r, i) => {
      check(src, label, `rules.${i}.pattern`, r.pattern, "callerPattern");
      checkDestination(src, label, `rules.${i}.destination`, r.destination);
    });
    checkLists(src, label, d.lists);
  }
  for (const q of state.queues) checkLists(`queue:${q.id}`, `Queue ${q.number}`, q.lists);
  for (const t of state.ringTrees) {
    const src = `ringtree:${t.id}`;
    const label = `Ring tree ${t.number}`;
    claim(t.number, src, label);
    check(src, label, "number", t.number, "extensionNumber");
    checkLists(src, label, t.lists);
    if (t.nodes.length === 0) problems.push({ source: src, label, field: "nodes", message: "has no nodes." });
    t.nodes.forEach((n, i) => {
      const field = `nodes.${i}`;
      check(src, label, `${field}.key`, n.key, "identifier");
      if (n.depth >= RING_TREE_LIMITS.maxDepth)
        problems.push({ source: src, label, field, message: `node ${n.key} is deeper than 3 levels.` });
      if (n.timeout < RING_TREE_LIMITS.minTimeout || n.timeout > RING_TREE_LIMITS.maxTimeout)
        problems.push({ source: src, label, field, message: `node ${n.key} timeout must be 5–300 s.` });
      if (n.kind === "filter") {
        if (!n.listId || !lists.has(n.listId))
          problems.push({ source: src, label, field, message: `node ${n.key} screens with a missing list.` });
      } else if (n.kind !== "hangup") {
        checkDestination(src, label, field, { type: n.kind, target: n.target });
      }
      if ((n.kind === "voicemail" || n.kind === "hangup") && i !== t.nodes.length - 1)
        problems.push({
          source: src,
          label,
          field,
          message: `node ${n.key} ends the call, so the nodes after it would never ring.`,
        });
    });
  }
  return problems;
}
