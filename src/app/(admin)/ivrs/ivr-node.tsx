"use client";

import { Handle, type NodeProps, Position } from "@xyflow/react";
import { IVR_NODE_LABELS, type IvrNode, outputLabel, outputsOf } from "@/lib/ivr/graph";

export type CanvasNodeData = { node: IvrNode; summary: string; errors: string[] };

/**
 * One step on the canvas: its kind, a one-line summary, an input on the left (all but Start)
 * and one labelled output per branch on the right. Steps with problems get a red ring and
 * their messages as the accessible description.
 */
export function IvrCanvasNode({ data, selected }: NodeProps & { data: CanvasNodeData }) {
  const { node, summary, errors } = data;
  const outputs = outputsOf(node);
  const bad = errors.length > 0;
  return (
    <div
      className={`min-w-44 rounded-md border bg-white text-sm shadow-sm dark:bg-slate-900 ${
        bad
          ? "border-rose-500 ring-2 ring-rose-500"
          : selected
            ? "border-indigo-500 ring-2 ring-indigo-400"
            : "border-slate-300 dark:border-slate-600"
      }`}
      data-testid={`ivr-node-${node.id}`}
      data-invalid={bad ? "true" : undefined}
      title={bad ? errors.join(" ") : undefined}
    >
      {node.type !== "start" && <Handle type="target" position={Position.Left} id="in" />}
      <div className="border-b border-slate-200 px-3 py-1.5 font-medium dark:border-slate-700">
        {IVR_NODE_LABELS[node.type]} <span className="font-mono text-xs text-slate-400">{node.id}</span>
      </div>
      <div className="px-3 py-1.5 text-xs text-slate-600 dark:text-slate-300">{summary}</div>
      {outputs.length > 0 && (
        <ul className="space-y-1 px-3 pb-2">
          {outputs.map((h) => (
            <li key={h} className="relative text-right text-xs">
              {outputLabel(h)}
              <Handle type="source" position={Position.Right} id={h} style={{ top: "50%" }} />
            </li>
          ))}
        </ul>
      )}
      {bad && <p className="sr-only">Problems: {errors.join(" ")}</p>}
    </div>
  );
}
