"use client";

import { CornerDownRight, Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import type { CallerListChoice } from "@/components/caller-list-picker";
import type { DestinationChoices } from "@/components/destination-picker";
import type { RingTreeNodeKind } from "@/lib/db/schema/inbound";
import type { FieldErrors } from "@/lib/errors";
import { RING_TREE, RING_TREE_NODE_KINDS, RING_TREE_NODE_LABELS } from "@/lib/validations/inbound";

export type NodeValue = {
  key: string;
  parentKey: string | null;
  kind: RingTreeNodeKind;
  target: string;
  listId: string;
  timeout: string;
};

/** Depth of each node (0 = root), from the parent links. */
export function depths(nodes: NodeValue[]): Map<string, number> {
  const d = new Map<string, number>();
  for (const n of nodes) d.set(n.key, n.parentKey ? (d.get(n.parentKey) ?? 0) + 1 : 0);
  return d;
}

/** The node and every node under it (they follow it in preorder). */
function subtreeEnd(nodes: NodeValue[], index: number, depth: Map<string, number>): number {
  const own = depth.get(nodes[index]!.key) ?? 0;
  let end = index + 1;
  while (end < nodes.length && (depth.get(nodes[end]!.key) ?? 0) > own) end++;
  return end;
}

export function newKey(nodes: NodeValue[]): string {
  const used = new Set(nodes.map((n) => n.key));
  let i = nodes.length + 1;
  while (used.has(`n${i}`)) i++;
  return `n${i}`;
}

/**
 * The tree as a nested list, in ring order: each node rings for its timeout, then its children
 * (indented) are tried in order before the next sibling. Every control is a labelled form field or
 * button, so the editor works from the keyboard alone.
 */
export function TreeEditor({
  nodes,
  onChange,
  choices,
  lists,
  errors,
}: {
  nodes: NodeValue[];
  onChange: (nodes: NodeValue[]) => void;
  choices: DestinationChoices;
  lists: CallerListChoice[];
  errors: FieldErrors;
}) {
  const id = useId();
  const depth = depths(nodes);
  const update = (i: number, patch: Partial<NodeValue>) =>
    onChange(nodes.map((n, k) => (k === i ? { ...n, ...patch } : n)));
  const addChild = (i: number) => {
    const end = subtreeEnd(nodes, i, depth);
    const child: NodeValue = {
      key: newKey(nodes),
      parentKey: nodes[i]!.key,
      kind: "extension",
      target: "",
      listId: "",
      timeout: "20",
    };
    onChange([...nodes.slice(0, end), child, ...nodes.slice(end)]);
  };
  const remove = (i: number) => {
    const end = subtreeEnd(nodes, i, depth);
    onChange([...nodes.slice(0, i), ...nodes.slice(end)]);
  };
  const options = (kind: RingTreeNodeKind) =>
    kind === "extension" || kind === "voicemail"
      ? choices.extensions.filter((e) => kind === "extension" || e.voicemail)
      : kind === "group"
        ? choices.groups
        : kind === "queue"
          ? choices.queues
          : [];

  return (
    <div className="space-y-3">
      {errors.nodes && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.nodes.join(" ")}
        </p>
      )}
      <ol className="space-y-3" aria-label="Ring tree nodes, in ring order">
        {nodes.map((n, i) => {
          const d = depth.get(n.key) ?? 0;
          const err = (f: string) => errors[`nodes.${i}.${f}`] ?? [];
          const label = `Node ${n.key}${n.parentKey ? ` (after ${n.parentKey})` : " (first)"}`;
          const terminal = n.kind === "voicemail" || n.kind === "hangup";
          const fieldId = `${id}-${n.key}`;
          return (
            <li
              key={n.key}
              aria-label={label}
              className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
              style={{ marginLeft: `${d * 2}rem` }}
            >
              <div className="mb-2 flex items-center gap-2 text-sm font-medium">
                {d > 0 && <CornerDownRight className="size-4 text-slate-400" aria-hidden />}
                {label}
              </div>
              <div className="grid gap-3 sm:grid-cols-[12rem_1fr_8rem_auto]">
                <div>
                  <label htmlFor={`${fieldId}-kind`} className="label">
                    {n.key}: what it does
                  </label>
                  <select
                    id={`${fieldId}-kind`}
                    className="input"
                    value={n.kind}
                    aria-invalid={err("kind").length > 0}
                    onChange={(e) =>
                      update(i, { kind: e.target.value as RingTreeNodeKind, target: "", listId: "" })
                    }
                  >
                    {RING_TREE_NODE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {RING_TREE_NODE_LABELS[k]}
                      </option>
                    ))}
                  </select>
                  <Errors messages={err("kind")} />
                  <Errors messages={err("parentKey")} />
                </div>
                <div>
                  {n.kind === "filter" ? (
                    <>
                      <label htmlFor={`${fieldId}-list`} className="label">
                        {n.key}: list
                      </label>
                      <select
                        id={`${fieldId}-list`}
                        className="input"
                        value={n.listId}
                        aria-invalid={err("listId").length > 0}
                        onChange={(e) => update(i, { listId: e.target.value })}
                      >
                        <option value="">Choose a list…</option>
                        {lists.map((l) => (
                          <option key={l.id} value={l.id}>
                            {l.name} ({l.kind})
                          </option>
                        ))}
                      </select>
                      <Errors messages={err("listId")} />
                    </>
                  ) : n.kind === "hangup" ? (
                    <p className="pt-6 text-sm text-slate-500">Ends the call.</p>
                  ) : (
                    <>
                      <label htmlFor={`${fieldId}-target`} className="label">
                        {n.key}: number
                      </label>
                      <input
                        id={`${fieldId}-target`}
                        className="input font-mono"
                        inputMode="numeric"
                        autoComplete="off"
                        list={`${fieldId}-options`}
                        value={n.target}
                        aria-invalid={err("target").length > 0}
                        onChange={(e) => update(i, { target: e.target.value })}
                      />
                      <datalist id={`${fieldId}-options`}>
                        {options(n.kind).map((o) => (
                          <option key={o.number} value={o.number}>
                            {o.name}
                          </option>
                        ))}
                      </datalist>
                      <Errors messages={err("target")} />
                    </>
                  )}
                </div>
                <div>
                  {terminal || n.kind === "filter" ? null : (
                    <>
                      <label htmlFor={`${fieldId}-timeout`} className="label">
                        {n.key}: rings (s)
                      </label>
                      <input
                        id={`${fieldId}-timeout`}
                        type="number"
                        min={RING_TREE.minTimeout}
                        max={RING_TREE.maxTimeout}
                        className="input"
                        value={n.timeout}
                        aria-invalid={err("timeout").length > 0}
                        onChange={(e) => update(i, { timeout: e.target.value })}
                      />
                      <Errors messages={err("timeout")} />
                    </>
                  )}
                </div>
                <div className="flex items-end gap-1">
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={d >= RING_TREE.maxDepth - 1 || terminal || nodes.length >= RING_TREE.maxNodes}
                    onClick={() => addChild(i)}
                    aria-label={`Add a node after ${n.key} rings`}
                  >
                    <Plus className="size-4" aria-hidden /> Child
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={i === 0}
                    onClick={() => remove(i)}
                    aria-label={`Remove ${n.key} and the nodes under it`}
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function Errors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
      {messages.join(" ")}
    </p>
  );
}
