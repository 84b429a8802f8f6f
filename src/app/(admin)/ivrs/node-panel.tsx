"use client";

import type { Edge } from "@xyflow/react";
import { useId } from "react";
import { DestinationPicker } from "@/components/destination-picker";
import { SoundSelect } from "@/components/sound-select";
import {
  IVR_NODE_LABELS,
  type IvrNode,
  type IvrNodeType,
  MENU_KEYS,
  MENU_LIMITS,
  type MenuKey,
  outputLabel,
  outputsOf,
} from "@/lib/ivr/graph";
import type { BuilderChoices } from "./ivr-builder";

/**
 * The selected step's settings, and where each of its outputs goes: everything the canvas does
 * with a mouse, done with form controls.
 */
export function NodePanel({
  node,
  nodeIds,
  edges,
  choices,
  errors,
  onChange,
  onConnect,
  onDelete,
}: {
  node: IvrNode | null;
  nodeIds: { id: string; type: IvrNodeType }[];
  edges: Edge[];
  choices: BuilderChoices;
  errors: string[];
  onChange: (node: IvrNode) => void;
  onConnect: (handle: string, target: string | null) => void;
  onDelete: () => void;
}) {
  const id = useId();
  if (!node) {
    return (
      <aside className="card p-4 text-sm text-slate-500 dark:text-slate-400" aria-label="Step settings">
        Select a step on the canvas (Tab to it and press Enter, or click it) to edit it here. Delete removes
        the selected step.
      </aside>
    );
  }
  const targets = nodeIds.filter((n) => n.type !== "start");
  return (
    <aside className="card space-y-4 p-4" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="font-semibold">
        {IVR_NODE_LABELS[node.type]} <span className="font-mono text-sm text-slate-500">{node.id}</span>
      </h2>
      {errors.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-sm text-rose-600 dark:text-rose-400">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {node.type === "play" && (
        <SoundSelect
          label="Sound"
          value={node.data.soundId}
          sounds={choices.sounds}
          onChange={(soundId) => onChange({ ...node, data: { soundId } })}
        />
      )}
      {node.type === "menu" && (
        <>
          <SoundSelect
            label="Prompt"
            value={node.data.promptSoundId}
            sounds={choices.sounds}
            onChange={(promptSoundId) => onChange({ ...node, data: { ...node.data, promptSoundId } })}
          />
          <fieldset>
            <legend className="label">Keys the caller may press</legend>
            <div className="grid grid-cols-6 gap-1">
              {MENU_KEYS.map((k) => (
                <label key={k} className="flex items-center gap-1 text-sm">
                  <input
                    type="checkbox"
                    checked={node.data.keys.includes(k)}
                    onChange={(e) => {
                      const keys: MenuKey[] = e.target.checked
                        ? [...node.data.keys, k]
                        : node.data.keys.filter((x) => x !== k);
                      onChange({
                        ...node,
                        data: { ...node.data, keys: MENU_KEYS.filter((x) => keys.includes(x)) },
                      });
                    }}
                  />
                  <span className="font-mono">{k}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="grid grid-cols-2 gap-2">
            <label className="text-sm">
              <span className="label">Timeout (s)</span>
              <input
                type="number"
                className="input"
                min={MENU_LIMITS.timeout.min}
                max={MENU_LIMITS.timeout.max}
                value={node.data.timeout}
                onChange={(e) =>
                  onChange({
                    ...node,
                    data: { ...node.data, timeout: clamp(e.target.value, MENU_LIMITS.timeout) },
                  })
                }
              />
            </label>
            <label className="text-sm">
              <span className="label">Retries</span>
              <input
                type="number"
                className="input"
                min={MENU_LIMITS.retries.min}
                max={MENU_LIMITS.retries.max}
                value={node.data.retries}
                onChange={(e) =>
                  onChange({
                    ...node,
                    data: { ...node.data, retries: clamp(e.target.value, MENU_LIMITS.retries) },
                  })
                }
              />
            </label>
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            A wrong key or silence replays the prompt; after the retries the Invalid or Timeout output is
            taken.
          </p>
        </>
      )}
      {node.type === "timecondition" && (
        <label className="block text-sm">
          <span className="label">Time condition</span>
          <select
            className="input"
            value={node.data.number ?? ""}
            onChange={(e) => onChange({ ...node, data: { number: e.target.value || null } })}
          >
            <option value="">Choose…</option>
            {choices.timeConditions.map((t) => (
              <option key={t.number} value={t.number}>
                {t.number} {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {node.type === "voicemail" && (
        <label className="block text-sm">
          <span className="label">Mailbox</span>
          <select
            className="input"
            value={node.data.mailbox ?? ""}
            onChange={(e) => onChange({ ...node, data: { mailbox: e.target.value || null } })}
          >
            <option value="">Choose…</option>
            {choices.mailboxes.map((m) => (
              <option key={m.number} value={m.number}>
                {m.number} {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {node.type === "destination" && (
        <DestinationPicker
          label="Route"
          value={{ type: node.data.destination.type, target: node.data.destination.target ?? "" }}
          onChange={(v) =>
            onChange({
              ...node,
              data: {
                destination:
                  v.type === "hangup" ? { type: "hangup", target: null } : { type: v.type, target: v.target },
              },
            })
          }
          choices={choices.destinations}
        />
      )}
      {outputsOf(node).length > 0 && (
        <fieldset className="space-y-2">
          <legend className="label">Outputs</legend>
          {outputsOf(node).map((h) => {
            const current = edges.find((e) => e.source === node.id && e.sourceHandle === h)?.target ?? "";
            return (
              <label key={h} className="flex items-center gap-2 text-sm">
                <span className="w-20 shrink-0">{outputLabel(h)}</span>
                <select
                  className="input"
                  aria-label={`${outputLabel(h)} goes to`}
                  value={current}
                  onChange={(e) => onConnect(h, e.target.value || null)}
                >
                  <option value="">Nowhere</option>
                  {targets.map((t) => (
                    <option key={t.id} value={t.id}>
                      {IVR_NODE_LABELS[t.type]} {t.id}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      )}
      <button type="button" className="btn-danger" onClick={onDelete}>
        Delete step
      </button>
    </aside>
  );
}

function clamp(raw: string, range: { min: number; max: number }): number {
  const n = Math.trunc(Number(raw));
  return Number.isFinite(n) ? Math.min(range.max, Math.max(range.min, n)) : range.min;
}
