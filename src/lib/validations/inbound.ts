import { z } from "zod";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import type { CallerListKind, RingTreeNodeKind } from "@/lib/db/schema/inbound";
import { allowlisted, displayNameField, intField, numberField } from "./allowlisted";
import { destinationSchema } from "./destination";
import { hasControlChars, plainText } from "./text";

// ---- Block and allow lists ----

export const CALLER_LIST_KINDS = ["block", "allow"] as const satisfies readonly CallerListKind[];
export const CALLER_LIST_KIND_LABELS: Record<CallerListKind, string> = {
  block: "Block list: refuse these callers",
  allow: "Allow list: only these callers get through",
};
export const MAX_LIST_ENTRIES_PER_SAVE = 1000;
export const EXPIRY_DAYS = { min: 1, max: 3650 } as const;

export const callerPatternField = allowlisted("callerPattern", { empty: "Enter a number or a pattern." });

const listFields = {
  name: displayNameField,
  kind: z.enum(CALLER_LIST_KINDS, { message: "Choose block or allow." }),
  description: plainText(200),
};
export const createCallerListSchema = z.object(listFields);
export const updateCallerListSchema = z.object({ ...listFields, id: z.string().uuid() });
export const deleteCallerListSchema = z.object({ id: z.string().uuid() });

/** Entries to add (or whose expiry to reset). Empty days: never expires. */
export const addListEntriesSchema = z.object({
  listId: z.string().uuid(),
  entries: z
    .array(
      z.object({
        value: callerPatternField,
        expiresInDays: intField(EXPIRY_DAYS.min, EXPIRY_DAYS.max, " days").nullable(),
      }),
    )
    .min(1, "Add at least one number or pattern.")
    .max(MAX_LIST_ENTRIES_PER_SAVE, `Add at most ${MAX_LIST_ENTRIES_PER_SAVE} entries at a time.`),
});
export const removeListEntriesSchema = z.object({
  listId: z.string().uuid(),
  ids: z.array(z.string().uuid()).min(1).max(MAX_LIST_ENTRIES_PER_SAVE),
});

/**
 * One number or pattern per line (or separated by commas or spaces), for the bulk box. Returns the
 * values and, per bad value, its position for the message.
 */
export function splitEntries(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

const listIds = z
  .array(z.string().uuid({ message: "Unknown list." }))
  .max(10, "Assign at most 10 lists.")
  .transform((ids) => [...new Set(ids)]);

// ---- DIDs ----

export const MAX_CALLER_RULES = 20;

const didNumberField = z
  .string({ message: ALLOW_MESSAGES.did })
  // Accepts the usual way of writing a number, "+44 (20) 7123-4567": spaces, dashes and a
  // parenthesised digit group go; anything else (a lone parenthesis included) fails the allowlist.
  .transform((v) => (v.length > 200 ? v : v.replace(/\(([0-9]+)\)/g, "$1").replace(/[ -]/g, "")))
  .pipe(z.string().regex(ALLOW.did, ALLOW_MESSAGES.did));

/** Description: shown in lists and the trace page; kept to the display-name alphabet anyway. */
const descriptionField = z
  .string()
  .max(40, "Use at most 40 characters.")
  .transform((v) => v.replace(/^ +| +$/g, ""))
  .refine((v) => v === "" || ALLOW.displayName.test(v), ALLOW_MESSAGES.displayName);

/** The trunk's identifier; empty means any trunk. */
const trunkNameField = z
  .string()
  .max(64, ALLOW_MESSAGES.identifier)
  .transform((v) => v.replace(/^ +| +$/g, ""))
  .refine((v) => v === "" || ALLOW.identifier.test(v), ALLOW_MESSAGES.identifier)
  .transform((v) => (v === "" ? null : v));

const callerRule = z.object({ pattern: callerPatternField, destination: destinationSchema });

const didFields = {
  number: didNumberField,
  description: descriptionField,
  trunkName: trunkNameField,
  destination: destinationSchema,
  rules: z.array(callerRule).max(MAX_CALLER_RULES, `At most ${MAX_CALLER_RULES} caller-ID rules.`),
  lists: listIds,
};

const uniquePatterns = (v: { rules: { pattern: string }[] }, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  v.rules.forEach((r, i) => {
    if (seen.has(r.pattern))
      ctx.addIssue({
        code: "custom",
        path: ["rules", i, "pattern"],
        message: "This pattern is already a rule above.",
      });
    seen.add(r.pattern);
  });
};

export const createDidSchema = z.object(didFields).superRefine(uniquePatterns);
export const updateDidSchema = z.object({ ...didFields, id: z.string().uuid() }).superRefine(uniquePatterns);
export const deleteDidSchema = z.object({ id: z.string().uuid() });
export type CreateDidInput = z.input<typeof createDidSchema>;
export type DidValues = z.output<typeof createDidSchema>;

// ---- Ring trees ----

export const RING_TREE_NODE_KINDS = [
  "extension",
  "group",
  "queue",
  "voicemail",
  "hangup",
  "filter",
] as const satisfies readonly RingTreeNodeKind[];
export const RING_TREE_NODE_LABELS: Record<RingTreeNodeKind, string> = {
  extension: "Ring an extension",
  group: "Ring a ring group",
  queue: "Queue",
  voicemail: "Voicemail (ends)",
  hangup: "Hang up (ends)",
  filter: "Block filter",
};
export const RING_TREE = { maxDepth: 3, maxNodes: 40, minTimeout: 5, maxTimeout: 300 } as const;
const NODE_KEY = /^n[0-9]{1,4}$/;

const ringTreeNode = z.object({
  key: z.string().regex(NODE_KEY, "Bad node id."),
  parentKey: z.string().regex(NODE_KEY, "Bad node id.").nullable(),
  kind: z.enum(RING_TREE_NODE_KINDS, { message: "Choose what this node does." }),
  target: z.string().max(200).nullable(),
  listId: z.string().uuid({ message: "Choose a list." }).nullable(),
  timeout: intField(RING_TREE.minTimeout, RING_TREE.maxTimeout, " seconds"),
});

export type RingTreeNodeInput = z.input<typeof ringTreeNode>;

/**
 * Checks the tree's shape: nodes come in preorder (each node's parent is the node before it or one
 * of its ancestors), one root first, at most three levels, targets by kind, and nothing after a
 * voicemail or hang-up node (it ends the call, so later nodes would never ring).
 */
function checkTree(nodes: z.output<typeof ringTreeNode>[], ctx: z.RefinementCtx) {
  const issue = (i: number, field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: ["nodes", i, field], message });
  if (nodes.length === 0) {
    ctx.addIssue({ code: "custom", path: ["nodes"], message: "Add at least one node." });
    return;
  }
  const depth = new Map<string, number>();
  const path: string[] = [];
  nodes.forEach((n, i) => {
    if (depth.has(n.key)) issue(i, "key", "Duplicate node id.");
    if (i === 0) {
      if (n.parentKey !== null) issue(i, "parentKey", "The first node is the root.");
    } else if (n.parentKey === null)
      issue(i, "parentKey", "A tree has one root: put this node under another.");
    else {
      while (path.length && path.at(-1) !== n.parentKey) path.pop();
      if (!path.length) issue(i, "parentKey", "Nodes must follow their parent.");
    }
    const d = n.parentKey === null ? 0 : (depth.get(n.parentKey) ?? 0) + 1;
    if (d >= RING_TREE.maxDepth)
      issue(i, "parentKey", `A ring tree has at most ${RING_TREE.maxDepth} levels.`);
    depth.set(n.key, d);
    path.push(n.key);
    const needsTarget =
      n.kind === "extension" || n.kind === "group" || n.kind === "queue" || n.kind === "voicemail";
    if (needsTarget) {
      const t = n.target ?? "";
      if (!t) issue(i, "target", "Enter the number to ring.");
      else if (!ALLOW.extensionNumber.test(t)) issue(i, "target", ALLOW_MESSAGES.extensionNumber);
    } else if (n.target) issue(i, "target", "This node takes no number.");
    if (n.kind === "filter" && !n.listId) issue(i, "listId", "Choose the list this filter screens with.");
    if ((n.kind === "voicemail" || n.kind === "hangup") && i !== nodes.length - 1)
      issue(
        i,
        "kind",
        "Voicemail and hang-up end the call: make this the last node (nothing after it would ring).",
      );
    if (hasControlChars(n.target ?? "")) issue(i, "target", "Control characters are not allowed.");
  });
}

const ringTreeFields = {
  number: numberField,
  name: displayNameField,
  lists: listIds,
  nodes: z
    .array(ringTreeNode)
    .max(RING_TREE.maxNodes, `A ring tree has at most ${RING_TREE.maxNodes} nodes.`)
    // Only ASCII spaces are trimmed: a newline or tab at either end is an error, never dropped.
    .transform((nodes) =>
      nodes.map((n) => ({ ...n, target: n.target ? n.target.replace(/^ +| +$/g, "") : null })),
    ),
};

export const createRingTreeSchema = z.object(ringTreeFields).superRefine((v, ctx) => checkTree(v.nodes, ctx));
export const updateRingTreeSchema = z
  .object({ ...ringTreeFields, id: z.string().uuid() })
  .superRefine((v, ctx) => checkTree(v.nodes, ctx));
export const deleteRingTreeSchema = z.object({ id: z.string().uuid() });
export type CreateRingTreeInput = z.input<typeof createRingTreeSchema>;
export type RingTreeValues = z.output<typeof createRingTreeSchema>;
