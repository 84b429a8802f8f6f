import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import { destinationSchema } from "@/lib/validations/destination";

/**
 * An IVR's call flow as a graph: what the builder draws, what a version stores, what the compiler
 * and the dry run walk. Node ids and handles are identifiers (they appear in UserEvent details);
 * the compiler never uses them as dialplan labels (it numbers the nodes itself).
 *
 * Outputs ("handles") per node type:
 *   start, play         next
 *   menu                one per enabled key (0–9 * #), timeout, invalid
 *   timecondition       matched, unmatched
 *   destination, voicemail, hangup   none (the call leaves the IVR)
 */
export const IVR_NODE_TYPES = [
  "start",
  "play",
  "menu",
  "timecondition",
  "destination",
  "voicemail",
  "hangup",
] as const;
export type IvrNodeType = (typeof IVR_NODE_TYPES)[number];

export const IVR_NODE_LABELS: Record<IvrNodeType, string> = {
  start: "Start",
  play: "Play a sound",
  menu: "Menu",
  timecondition: "Time condition",
  destination: "Route to",
  voicemail: "Voicemail",
  hangup: "Hang up",
};

export const MENU_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#"] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

export const MENU_LIMITS = { timeout: { min: 1, max: 30 }, retries: { min: 0, max: 5 } } as const;
export const MAX_IVR_NODES = 100;

const id = z.string().regex(ALLOW.identifier, "A node id is 1–64 letters, digits, '-' or '_'.").max(64);
const uuid = z.string().uuid("Choose a sound.");
const position = z.object({ x: z.number().finite(), y: z.number().finite() });
const number = z.string().regex(ALLOW.extensionNumber, ALLOW_MESSAGES.extensionNumber);

export const ivrNodeSchema = z.discriminatedUnion("type", [
  z.object({ id, type: z.literal("start"), position, data: z.object({}).strict() }),
  z.object({ id, type: z.literal("play"), position, data: z.object({ soundId: uuid.nullable() }) }),
  z.object({
    id,
    type: z.literal("menu"),
    position,
    data: z.object({
      promptSoundId: uuid.nullable(),
      keys: z.array(z.enum(MENU_KEYS)).max(12),
      timeout: z.number().int().min(MENU_LIMITS.timeout.min).max(MENU_LIMITS.timeout.max),
      retries: z.number().int().min(MENU_LIMITS.retries.min).max(MENU_LIMITS.retries.max),
    }),
  }),
  z.object({
    id,
    type: z.literal("timecondition"),
    position,
    data: z.object({ number: number.nullable() }),
  }),
  z.object({
    id,
    type: z.literal("destination"),
    position,
    data: z.object({ destination: destinationSchema }),
  }),
  z.object({ id, type: z.literal("voicemail"), position, data: z.object({ mailbox: number.nullable() }) }),
  z.object({ id, type: z.literal("hangup"), position, data: z.object({}).strict() }),
]);

export const ivrEdgeSchema = z.object({
  id,
  source: id,
  sourceHandle: z
    .string()
    .regex(/^(next|timeout|invalid|matched|unmatched|key-[0-9]|key-star|key-hash)$/, "Unknown output."),
  target: id,
});

export const ivrGraphSchema = z.object({
  nodes: z.array(ivrNodeSchema).max(MAX_IVR_NODES, `An IVR has at most ${MAX_IVR_NODES} steps.`),
  edges: z.array(ivrEdgeSchema).max(MAX_IVR_NODES * 14),
});

export type IvrNode = z.output<typeof ivrNodeSchema>;
export type IvrEdge = z.output<typeof ivrEdgeSchema>;
export type IvrGraph = z.output<typeof ivrGraphSchema>;
export type IvrGraphInput = z.input<typeof ivrGraphSchema>;

/** `key-star` for "*": handle names stay identifiers. */
export function keyHandle(key: MenuKey): string {
  return key === "*" ? "key-star" : key === "#" ? "key-hash" : `key-${key}`;
}

export function handleKey(handle: string): MenuKey | null {
  if (handle === "key-star") return "*";
  if (handle === "key-hash") return "#";
  const m = /^key-([0-9])$/.exec(handle);
  return m ? (m[1] as MenuKey) : null;
}

/** The outputs a node offers, in display order. */
export function outputsOf(node: IvrNode): string[] {
  switch (node.type) {
    case "start":
    case "play":
      return ["next"];
    case "menu":
      return [...MENU_KEYS.filter((k) => node.data.keys.includes(k)).map(keyHandle), "timeout", "invalid"];
    case "timecondition":
      return ["matched", "unmatched"];
    default:
      return [];
  }
}

export function outputLabel(handle: string): string {
  const key = handleKey(handle);
  if (key) return `Key ${key}`;
  return handle === "next" ? "Next" : handle[0]!.toUpperCase() + handle.slice(1);
}

/** One problem, pinned to the node or edge it is about (the canvas highlights it). */
export type GraphProblem = { nodeId?: string; edgeId?: string; message: string };

/** What the checker needs to know about the world (the server passes the database's view). */
export type GraphContext = {
  soundIds: ReadonlySet<string>;
  timeConditionNumbers: ReadonlySet<string>;
  voicemailNumbers: ReadonlySet<string>;
};

/**
 * Checks a graph before it is saved: exactly one start, no dangling edges or unknown outputs,
 * every output of every step goes somewhere (each enabled menu key, timeout and invalid), one
 * edge per output, no step unreachable from the start, no loop that never waits for a key, and
 * every sound and number filled in. Destination targets are checked by the server separately.
 */
export function checkGraph(graph: IvrGraph, ctx?: GraphContext): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byId = new Map<string, IvrNode>();
  for (const n of graph.nodes) {
    if (byId.has(n.id)) problems.push({ nodeId: n.id, message: `Two steps share the id ${n.id}.` });
    byId.set(n.id, n);
  }
  const starts = graph.nodes.filter((n) => n.type === "start");
  if (starts.length === 0) problems.push({ message: "Add a Start step: calls need one way in." });
  for (const extra of starts.slice(1))
    problems.push({ nodeId: extra.id, message: "Only one Start step is allowed." });

  const out = new Map<string, Map<string, IvrEdge>>();
  const edgeIds = new Set<string>();
  for (const e of graph.edges) {
    if (edgeIds.has(e.id)) problems.push({ edgeId: e.id, message: "Two connections share an id." });
    edgeIds.add(e.id);
    const src = byId.get(e.source);
    const dst = byId.get(e.target);
    if (!src || !dst) {
      problems.push({ edgeId: e.id, message: "This connection is not attached at both ends." });
      continue;
    }
    if (dst.type === "start") {
      problems.push({ edgeId: e.id, message: "Nothing can lead back into Start." });
      continue;
    }
    if (!outputsOf(src).includes(e.sourceHandle)) {
      problems.push({
        edgeId: e.id,
        nodeId: src.id,
        message: `${IVR_NODE_LABELS[src.type]} has no “${outputLabel(e.sourceHandle)}” output.`,
      });
      continue;
    }
    const handles = out.get(src.id) ?? new Map<string, IvrEdge>();
    if (handles.has(e.sourceHandle)) {
      problems.push({
        edgeId: e.id,
        nodeId: src.id,
        message: `“${outputLabel(e.sourceHandle)}” goes to two places.`,
      });
      continue;
    }
    handles.set(e.sourceHandle, e);
    out.set(src.id, handles);
  }

  for (const n of graph.nodes) {
    for (const h of outputsOf(n)) {
      if (!out.get(n.id)?.has(h))
        problems.push({
          nodeId: n.id,
          message: `${IVR_NODE_LABELS[n.type]}: “${outputLabel(h)}” goes nowhere.`,
        });
    }
    problems.push(...nodeDataProblems(n, ctx));
  }

  const start = starts[0];
  if (start) {
    const reached = new Set<string>([start.id]);
    const queue = [start.id];
    while (queue.length) {
      const cur = queue.shift()!;
      for (const e of out.get(cur)?.values() ?? []) {
        if (!reached.has(e.target)) {
          reached.add(e.target);
          queue.push(e.target);
        }
      }
    }
    for (const n of graph.nodes)
      if (!reached.has(n.id))
        problems.push({ nodeId: n.id, message: `${IVR_NODE_LABELS[n.type]} can never be reached.` });
    // A loop with no menu in it would replay sounds for ever without waiting for the caller.
    const loop = findLoopWithoutMenu(graph.nodes, out);
    if (loop)
      problems.push({
        nodeId: loop,
        message: "This loop never waits for a key, so a call would never leave it.",
      });
  }
  return problems;
}

function nodeDataProblems(n: IvrNode, ctx?: GraphContext): GraphProblem[] {
  const p: GraphProblem[] = [];
  const sound = (soundId: string | null, what: string) => {
    if (!soundId) p.push({ nodeId: n.id, message: `${what}: choose a sound.` });
    else if (ctx && !ctx.soundIds.has(soundId))
      p.push({ nodeId: n.id, message: `${what}: that sound no longer exists.` });
  };
  switch (n.type) {
    case "play":
      sound(n.data.soundId, "Play");
      break;
    case "menu":
      sound(n.data.promptSoundId, "Menu prompt");
      if (n.data.keys.length === 0) p.push({ nodeId: n.id, message: "Menu: enable at least one key." });
      if (new Set(n.data.keys).size !== n.data.keys.length)
        p.push({ nodeId: n.id, message: "Menu: a key is listed twice." });
      break;
    case "timecondition":
      if (!n.data.number) p.push({ nodeId: n.id, message: "Time condition: choose one." });
      else if (ctx && !ctx.timeConditionNumbers.has(n.data.number))
        p.push({ nodeId: n.id, message: `There is no time condition ${n.data.number}.` });
      break;
    case "voicemail":
      if (!n.data.mailbox) p.push({ nodeId: n.id, message: "Voicemail: choose a mailbox." });
      else if (ctx && !ctx.voicemailNumbers.has(n.data.mailbox))
        p.push({ nodeId: n.id, message: `Extension ${n.data.mailbox} has no voicemail box.` });
      break;
    default:
      break;
  }
  return p;
}

function findLoopWithoutMenu(nodes: IvrNode[], out: Map<string, Map<string, IvrEdge>>): string | null {
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): string | null => {
    if (types.get(id) === "menu") return null;
    const s = state.get(id);
    if (s === 1) return id;
    if (s === 2) return null;
    state.set(id, 1);
    for (const e of out.get(id)?.values() ?? []) {
      const hit = visit(e.target);
      if (hit) return hit;
    }
    state.set(id, 2);
    return null;
  };
  for (const n of nodes) {
    const hit = visit(n.id);
    if (hit) return hit;
  }
  return null;
}

/** The edge leaving `nodeId` by `handle`, for compilers and walkers of a checked graph. */
export function edgeFrom(graph: IvrGraph, nodeId: string, handle: string): IvrEdge | undefined {
  return graph.edges.find((e) => e.source === nodeId && e.sourceHandle === handle);
}

/** A new graph: Start → Hang up, so a fresh IVR is valid and does something harmless. */
export function emptyGraph(): IvrGraph {
  return {
    nodes: [
      { id: "start", type: "start", position: { x: 40, y: 120 }, data: {} },
      { id: "hangup", type: "hangup", position: { x: 320, y: 120 }, data: {} },
    ],
    edges: [{ id: "e-start-next", source: "start", sourceHandle: "next", target: "hangup" }],
  };
}

/** The numbers and sounds a graph uses (ivr_refs rows), deduplicated. */
export function graphRefs(graph: IvrGraph): { kind: string; target: string }[] {
  const seen = new Map<string, { kind: string; target: string }>();
  const add = (kind: string, target: string | null | undefined) => {
    if (target) seen.set(`${kind}:${target}`, { kind, target });
  };
  for (const n of graph.nodes) {
    if (n.type === "play") add("sound", n.data.soundId);
    if (n.type === "menu") add("sound", n.data.promptSoundId);
    if (n.type === "timecondition") add("timecondition", n.data.number);
    if (n.type === "voicemail") add("voicemail", n.data.mailbox);
    if (n.type === "destination" && n.data.destination.type !== "hangup")
      add(n.data.destination.type, n.data.destination.target);
  }
  return [...seen.values()];
}
