"use client";

import "@xyflow/react/dist/style.css";
import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  ReactFlow,
} from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { DestinationChoices } from "@/components/destination-picker";
import { Field, FormError } from "@/components/field";
import type { FieldErrors } from "@/lib/errors";
import {
  checkGraph,
  emptyGraph,
  type GraphProblem,
  IVR_NODE_LABELS,
  IVR_NODE_TYPES,
  type IvrGraph,
  type IvrNode,
  type IvrNodeType,
  outputLabel,
} from "@/lib/ivr/graph";
import { describeDestination } from "@/lib/validations/destination";
import { createIvr, saveIvr } from "./actions";
import { type CanvasNodeData, IvrCanvasNode } from "./ivr-node";
import { NodePanel } from "./node-panel";

export type BuilderChoices = {
  sounds: { id: string; name: string }[];
  timeConditions: { number: string; name: string }[];
  mailboxes: { number: string; name: string }[];
  destinations: DestinationChoices;
};

type FlowNode = Node<CanvasNodeData>;
const NODE_TYPES = { ivr: IvrCanvasNode };

/**
 * The visual IVR builder. The canvas (xyflow) is one way to edit; the side panel is the other,
 * reachable by keyboard: Tab to a step, Enter selects it, Delete removes it, and the panel edits
 * its settings and where each of its outputs goes. Saving checks the graph here first, then on
 * the server against the database; every problem is pinned to its step or connection on the
 * canvas and listed above it.
 */
export function IvrBuilder({
  ivr,
  choices,
}: {
  ivr?: { id: string; number: string; name: string; version: number; graph: IvrGraph };
  choices: BuilderChoices;
}) {
  const router = useRouter();
  const initial = ivr?.graph ?? emptyGraph();
  const [nodes, setNodes] = useState<FlowNode[]>(() => initial.nodes.map(toFlowNode));
  const [edges, setEdges] = useState<Edge[]>(() => initial.edges.map(toFlowEdge));
  const [number, setNumber] = useState(ivr?.number ?? "");
  const [name, setName] = useState(ivr?.name ?? "");
  const [problems, setProblems] = useState<GraphProblem[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selected = nodes.find((n) => n.selected) ?? null;

  const soundName = useMemo(() => new Map(choices.sounds.map((s) => [s.id, s.name])), [choices.sounds]);
  const nodeErrors = new Map<string, string[]>();
  const edgeErrors = new Map<string, string[]>();
  for (const p of problems) {
    if (p.nodeId) nodeErrors.set(p.nodeId, [...(nodeErrors.get(p.nodeId) ?? []), p.message]);
    if (p.edgeId) edgeErrors.set(p.edgeId, [...(edgeErrors.get(p.edgeId) ?? []), p.message]);
  }
  const viewNodes = nodes.map((n) => ({
    ...n,
    data: { ...n.data, summary: summarize(n.data.node, soundName), errors: nodeErrors.get(n.id) ?? [] },
    ariaLabel: `${IVR_NODE_LABELS[n.data.node.type]} ${n.id}${nodeErrors.has(n.id) ? " (has problems)" : ""}`,
  }));
  const viewEdges = edges.map((e) =>
    edgeErrors.has(e.id)
      ? {
          ...e,
          animated: true,
          style: { stroke: "#e11d48", strokeWidth: 3 },
          className: "ivr-edge-invalid",
          data: { invalid: true },
        }
      : e,
  );

  const graph = (): IvrGraph => ({
    nodes: nodes.map(
      (n) =>
        ({
          ...n.data.node,
          id: n.id,
          position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        }) as IvrNode,
    ),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? "",
      target: e.target,
    })),
  });

  const updateNode = (id: string, node: IvrNode) =>
    setNodes((ns) => ns.map((n) => (n.id === id ? { ...n, data: { ...n.data, node } } : n)));
  const connect = (source: string, sourceHandle: string, target: string | null) =>
    setEdges((es) => {
      const rest = es.filter((e) => !(e.source === source && e.sourceHandle === sourceHandle));
      return target
        ? [...rest, toFlowEdge({ id: `e-${source}-${sourceHandle}`, source, sourceHandle, target })]
        : rest;
    });
  const removeNode = (id: string) => {
    setNodes((ns) => ns.filter((n) => n.id !== id));
    setEdges((es) => es.filter((e) => e.source !== id && e.target !== id));
  };
  const addNode = (type: IvrNodeType) => {
    const taken = new Set(nodes.map((n) => n.id));
    let i = 1;
    while (taken.has(`${type}-${i}`)) i++;
    const id = `${type}-${i}`;
    const y = 40 + ((nodes.length * 90) % 480);
    const node = newNode(type, id, { x: 160 + (nodes.length % 4) * 220, y });
    setNodes((ns) => [
      ...ns.map((n) => ({ ...n, selected: false })),
      { ...toFlowNode(node), selected: true },
    ]);
    setStatus(`${IVR_NODE_LABELS[type]} ${id} added and selected.`);
  };

  const save = async () => {
    const g = graph();
    const local = checkGraph(g);
    setProblems(local);
    setFieldErrors({});
    if (local.length) {
      setMessage(
        `The call flow has ${local.length} problem${local.length === 1 ? "" : "s"}: they are marked on the canvas.`,
      );
      return;
    }
    setBusy(true);
    const result = ivr
      ? await saveIvr({ id: ivr.id, number, name, graph: g })
      : await createIvr({ number, name, graph: g });
    setBusy(false);
    if (!result.ok) {
      const fe = result.error.fieldErrors ?? {};
      setProblems(problemsFrom(fe));
      setFieldErrors(fe);
      setMessage(result.error.message);
      return;
    }
    setMessage(null);
    setProblems([]);
    setStatus(`Saved as version ${result.data.version}. The change goes live with the next apply.`);
    if (!ivr) router.push(`/ivrs/${result.data.id}`);
    router.refresh();
  };

  return (
    <div className="space-y-4">
      <div className="card grid gap-4 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Field
          label="Number"
          name="number"
          errors={fieldErrors.number}
          help="2–8 digits, unique across the dial plan."
        >
          {(p) => (
            <input
              {...p}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              inputMode="numeric"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Name" name="name" errors={fieldErrors.name}>
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              className="input"
              autoComplete="off"
            />
          )}
        </Field>
        <button type="button" className="btn-primary" onClick={save} disabled={busy}>
          {busy ? "Saving…" : ivr ? "Save new version" : "Create IVR"}
        </button>
      </div>
      <FormError message={message} />
      {problems.length > 0 && (
        <section aria-labelledby="problems-heading" className="card border-rose-300 p-4">
          <h2 id="problems-heading" className="font-semibold text-rose-700 dark:text-rose-300">
            Problems in the call flow
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" aria-label="Problems">
            {problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages can repeat; the list is rebuilt on every check
              <li key={i}>
                {p.nodeId && nodes.some((n) => n.id === p.nodeId) ? (
                  <button
                    type="button"
                    className="text-left underline"
                    onClick={() => setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === p.nodeId })))}
                  >
                    {p.message}
                  </button>
                ) : (
                  p.message
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {status}
      </p>
      {status && !message && (
        <p className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200">
          {status}
        </p>
      )}
      <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Add a step">
        {IVR_NODE_TYPES.filter((t) => t !== "start" || !nodes.some((n) => n.data.node.type === "start")).map(
          (t) => (
            <button key={t} type="button" className="btn-secondary" onClick={() => addNode(t)}>
              + {IVR_NODE_LABELS[t]}
            </button>
          ),
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <section className="card h-[560px] overflow-hidden" aria-label="Call flow canvas">
          <ReactFlow
            nodes={viewNodes}
            edges={viewEdges}
            nodeTypes={NODE_TYPES}
            onNodesChange={(changes: NodeChange<FlowNode>[]) =>
              setNodes((ns) => applyNodeChanges(changes, ns))
            }
            onEdgesChange={(changes: EdgeChange[]) => setEdges((es) => applyEdgeChanges(changes, es))}
            onConnect={(c: Connection) =>
              setEdges((es) =>
                addEdge(
                  toFlowEdge({
                    id: `e-${c.source}-${c.sourceHandle}`,
                    source: c.source,
                    sourceHandle: c.sourceHandle ?? "",
                    target: c.target,
                  }),
                  es.filter((e) => !(e.source === c.source && e.sourceHandle === c.sourceHandle)),
                ),
              )
            }
            deleteKeyCode={["Delete", "Backspace"]}
            fitView
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls />
          </ReactFlow>
        </section>
        <NodePanel
          node={selected?.data.node ?? null}
          nodeIds={nodes.map((n) => ({ id: n.id, type: n.data.node.type }))}
          edges={edges}
          choices={choices}
          errors={selected ? (nodeErrors.get(selected.id) ?? []) : []}
          onChange={(n) => selected && updateNode(selected.id, n)}
          onConnect={(handle, target) => selected && connect(selected.id, handle, target)}
          onDelete={() => selected && removeNode(selected.id)}
        />
      </div>
    </div>
  );
}

function toFlowNode(node: IvrNode): FlowNode {
  return {
    id: node.id,
    type: "ivr",
    position: node.position,
    data: { node, summary: "", errors: [] },
    deletable: true,
  };
}

function toFlowEdge(e: { id: string; source: string; sourceHandle: string; target: string }): Edge {
  return {
    id: e.id,
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: "in",
    label: outputLabel(e.sourceHandle),
  };
}

function newNode(type: IvrNodeType, id: string, position: { x: number; y: number }): IvrNode {
  switch (type) {
    case "start":
      return { id, type, position, data: {} };
    case "play":
      return { id, type, position, data: { soundId: null } };
    case "menu":
      return { id, type, position, data: { promptSoundId: null, keys: ["1"], timeout: 5, retries: 2 } };
    case "timecondition":
      return { id, type, position, data: { number: null } };
    case "destination":
      return { id, type, position, data: { destination: { type: "hangup", target: null } } };
    case "voicemail":
      return { id, type, position, data: { mailbox: null } };
    case "hangup":
      return { id, type, position, data: {} };
  }
}

function summarize(n: IvrNode, sounds: Map<string, string>): string {
  switch (n.type) {
    case "start":
      return "Calls enter here.";
    case "play":
      return n.data.soundId ? `Plays ${sounds.get(n.data.soundId) ?? "a missing sound"}` : "No sound chosen";
    case "menu":
      return `${n.data.promptSoundId ? (sounds.get(n.data.promptSoundId) ?? "missing sound") : "no prompt"} · keys ${n.data.keys.join(" ") || "none"} · ${n.data.timeout}s × ${n.data.retries + 1}`;
    case "timecondition":
      return n.data.number ? `Time condition ${n.data.number}` : "No time condition chosen";
    case "destination":
      return describeDestination(n.data.destination);
    case "voicemail":
      return n.data.mailbox ? `Mailbox ${n.data.mailbox}` : "No mailbox chosen";
    case "hangup":
      return "Ends the call.";
  }
}

/** Server field errors (graph.node.<id>, graph.edge.<id>, graph) back into canvas problems. */
function problemsFrom(fe: FieldErrors): GraphProblem[] {
  const out: GraphProblem[] = [];
  for (const [key, messages] of Object.entries(fe)) {
    const node = /^graph\.node\.(.+)$/.exec(key);
    const edge = /^graph\.edge\.(.+)$/.exec(key);
    for (const message of messages) {
      if (node) out.push({ nodeId: node[1], message });
      else if (edge) out.push({ edgeId: edge[1], message });
      else if (key.startsWith("graph")) out.push({ message });
    }
  }
  return out;
}
