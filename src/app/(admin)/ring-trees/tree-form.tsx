"use client";

import { useState } from "react";
import { type CallerListChoice, CallerListPicker } from "@/components/caller-list-picker";
import type { DestinationChoices } from "@/components/destination-picker";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { intValue } from "@/lib/form-values";
import { createRingTree, updateRingTree } from "./actions";
import { type NodeValue, TreeEditor } from "./tree-editor";

export type ExistingRingTree = {
  id: string;
  number: string;
  name: string;
  lists: string[];
  nodes: NodeValue[];
};

export function RingTreeForm({
  tree,
  choices,
  lists,
}: {
  tree?: ExistingRingTree;
  choices: DestinationChoices;
  lists: CallerListChoice[];
}) {
  const [nodes, setNodes] = useState<NodeValue[]>(
    tree?.nodes ?? [{ key: "n1", parentKey: null, kind: "extension", target: "", listId: "", timeout: "20" }],
  );
  const [assigned, setAssigned] = useState<string[]>(tree?.lists ?? []);
  const { errors, message, busy, submit } = useActionForm();
  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          number: String(f.get("number") ?? ""),
          name: String(f.get("name") ?? ""),
          lists: assigned,
          nodes: nodes.map((n) => ({
            key: n.key,
            parentKey: n.parentKey,
            kind: n.kind,
            target: n.kind === "hangup" || n.kind === "filter" ? null : n.target,
            listId: n.kind === "filter" ? n.listId || null : null,
            // Filter and ending nodes don't ring; their timeout is unused but stored.
            timeout:
              n.kind === "filter" || n.kind === "voicemail" || n.kind === "hangup" ? 5 : intValue(n.timeout),
          })),
        };
        await submit(
          () => (tree ? updateRingTree({ ...input, id: tree.id }) : createRingTree(input)),
          () => (tree ? `/ring-trees/${tree.id}?saved=1` : "/ring-trees"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Number"
          name="number"
          errors={errors.number}
          help="2–8 digits, unique across extensions, groups, queues and trees."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={tree?.number}
              className="input font-mono"
              inputMode="numeric"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="Up to 40 letters, digits, spaces, '.', '-' or '_'."
        >
          {(p) => <input {...p} defaultValue={tree?.name} className="input" autoComplete="off" />}
        </Field>
      </div>
      <section aria-labelledby="tree-heading" className="space-y-2">
        <h2 id="tree-heading" className="font-semibold">
          Who rings, in order
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          Each node rings for its time. If nobody answers, its children (indented) are tried in order, each
          with its own children, before the next node at its level. Up to three levels. Voicemail and hang-up
          end the call, so they come last. A block filter refuses listed callers (an allow list: unlisted
          ones) and lets the rest on to its children.
        </p>
        <TreeEditor nodes={nodes} onChange={setNodes} choices={choices} lists={lists} errors={errors} />
      </section>
      <CallerListPicker lists={lists} value={assigned} onChange={setAssigned} errors={errors.lists} />
      <FormActions busy={busy} submitLabel={tree ? "Save changes" : "Create ring tree"} />
    </form>
  );
}
