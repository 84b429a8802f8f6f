"use client";

import { X } from "lucide-react";
import { ExtensionAdder, type ExtensionChoice } from "@/components/extension-adder";
import type { FieldErrors } from "@/lib/errors";
import { QUEUE_LIMITS } from "@/lib/validations/queue";

export type StaticMemberValue = ExtensionChoice & { penalty: string };

/**
 * Static members (always in the queue, each with a penalty: lower is tried first) and the agents
 * who may log in and out themselves. One extension is in one list or the other, never both.
 */
export function QueueMembersEditor({
  staticMembers,
  dynamicMembers,
  onStaticChange,
  onDynamicChange,
  extensions,
  errors,
}: {
  staticMembers: StaticMemberValue[];
  dynamicMembers: ExtensionChoice[];
  onStaticChange: (m: StaticMemberValue[]) => void;
  onDynamicChange: (m: ExtensionChoice[]) => void;
  extensions: ExtensionChoice[];
  errors: FieldErrors;
}) {
  const taken = new Set([...staticMembers, ...dynamicMembers].map((m) => m.number));
  const { min, max } = QUEUE_LIMITS.penalty;
  const listErrors = (key: string) => [
    ...(errors[key] ?? []),
    ...Object.entries(errors)
      .filter(([k]) => new RegExp(`^${key}\\.\\d+(\\.number)?$`).test(k))
      .flatMap(([, v]) => v),
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <fieldset className="space-y-3">
        <legend className="label">Static members</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Always in the queue. Penalty {min}–{max}: members with a lower penalty get calls first.
        </p>
        {staticMembers.length > 0 && (
          <ul
            aria-label="Static members"
            className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
          >
            {staticMembers.map((m, i) => {
              const penaltyErr = errors[`staticMembers.${i}.penalty`];
              return (
                <li key={m.number} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
                  <span className="flex-1">
                    <span className="font-mono">{m.number}</span>{" "}
                    <span className="text-slate-600 dark:text-slate-300">{m.name}</span>
                  </span>
                  <label htmlFor={`penalty-${m.number}`} className="text-xs text-slate-500">
                    Penalty
                  </label>
                  <input
                    id={`penalty-${m.number}`}
                    type="number"
                    min={min}
                    max={max}
                    className="input w-20 py-1"
                    aria-label={`Penalty for ${m.number}`}
                    aria-invalid={Boolean(penaltyErr)}
                    value={m.penalty}
                    onChange={(e) =>
                      onStaticChange(
                        staticMembers.map((x) =>
                          x.number === m.number ? { ...x, penalty: e.target.value } : x,
                        ),
                      )
                    }
                  />
                  <RemoveButton
                    label={`Remove ${m.number}`}
                    onClick={() => onStaticChange(staticMembers.filter((x) => x.number !== m.number))}
                  />
                  {penaltyErr && (
                    <p role="alert" className="w-full text-sm text-rose-600 dark:text-rose-400">
                      {penaltyErr.join(" ")}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <Errors messages={listErrors("staticMembers")} />
        <ExtensionAdder
          label="Add a static member"
          buttonLabel="Add static member"
          extensions={extensions}
          taken={taken}
          onAdd={(ext) => onStaticChange([...staticMembers, { ...ext, penalty: "0" }])}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="label">Agents who may log in</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          These extensions join and leave the queue themselves (dynamic members).
        </p>
        {dynamicMembers.length > 0 && (
          <ul
            aria-label="Agents who may log in"
            className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
          >
            {dynamicMembers.map((m) => (
              <li key={m.number} className="flex items-center gap-3 px-3 py-2 text-sm">
                <span className="flex-1">
                  <span className="font-mono">{m.number}</span>{" "}
                  <span className="text-slate-600 dark:text-slate-300">{m.name}</span>
                </span>
                <RemoveButton
                  label={`Remove ${m.number}`}
                  onClick={() => onDynamicChange(dynamicMembers.filter((x) => x.number !== m.number))}
                />
              </li>
            ))}
          </ul>
        )}
        <Errors messages={listErrors("dynamicMembers")} />
        <ExtensionAdder
          label="Allow an agent to log in"
          buttonLabel="Add agent"
          extensions={extensions}
          taken={taken}
          onAdd={(ext) => onDynamicChange([...dynamicMembers, ext])}
        />
      </fieldset>
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      className="rounded p-1.5 text-rose-600 hover:bg-rose-50 dark:hover:bg-rose-950"
      aria-label={label}
      onClick={onClick}
    >
      <X className="size-4" aria-hidden />
    </button>
  );
}

function Errors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
      {messages.join(" ")}
    </p>
  );
}
