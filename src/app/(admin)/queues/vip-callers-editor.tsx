"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import type { FieldErrors } from "@/lib/errors";
import { DEFAULT_VIP_PRIORITY, MAX_VIP_CALLERS, QUEUE_LIMITS } from "@/lib/validations/queue";

export type VipValue = { number: string; priority: string };

/** Callers answered ahead of others: a number and a priority (higher first). Duplicates are refused. */
export function VipCallersEditor({
  vips,
  onChange,
  errors,
}: {
  vips: VipValue[];
  onChange: (v: VipValue[]) => void;
  errors: FieldErrors;
}) {
  const id = useId();
  const [number, setNumber] = useState("");
  const [priority, setPriority] = useState(String(DEFAULT_VIP_PRIORITY));
  const [error, setError] = useState<string | null>(null);
  const { min, max } = QUEUE_LIMITS.priority;

  const add = () => {
    const n = number.trim();
    const p = Number(priority);
    if (!ALLOW.dial.test(n)) setError(ALLOW_MESSAGES.dial);
    else if (vips.some((v) => v.number === n)) setError(`${n} is already a VIP caller.`);
    else if (!Number.isInteger(p) || p < min || p > max)
      setError(`Priority is a whole number from ${min} to ${max}.`);
    else if (vips.length >= MAX_VIP_CALLERS) setError(`At most ${MAX_VIP_CALLERS} VIP callers.`);
    else {
      onChange([...vips, { number: n, priority: String(p) }]);
      setNumber("");
      setPriority(String(DEFAULT_VIP_PRIORITY));
      setError(null);
    }
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      add();
    }
  };
  const listErrors = [
    ...(errors.vipCallers ?? []),
    ...Object.entries(errors)
      .filter(([k]) => /^vipCallers\.\d+\./.test(k))
      .map(([k, v]) => `${vips[Number(k.split(".")[1])]?.number ?? "?"}: ${v.join(" ")}`),
  ];

  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">VIP callers</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {vips.length === 0
          ? "No VIP callers."
          : `${vips.length} VIP caller${vips.length === 1 ? "" : "s"}. Priority ${min}–${max}: higher is answered first.`}
      </p>
      {vips.length > 0 && (
        <ul
          aria-label="VIP callers"
          className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
        >
          {vips.map((v) => (
            <li key={v.number} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="flex-1 font-mono">{v.number}</span>
              <input
                type="number"
                min={min}
                max={max}
                className="input w-20 py-1"
                aria-label={`Priority for ${v.number}`}
                value={v.priority}
                onChange={(e) =>
                  onChange(vips.map((x) => (x.number === v.number ? { ...x, priority: e.target.value } : x)))
                }
              />
              <button
                type="button"
                className="rounded p-1.5 text-rose-600 hover:bg-rose-50 dark:hover:bg-rose-950"
                aria-label={`Remove VIP ${v.number}`}
                onClick={() => onChange(vips.filter((x) => x.number !== v.number))}
              >
                <X className="size-4" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      {listErrors.length > 0 && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {listErrors.join(" ")}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${id}-number`} className="label">
            VIP number
          </label>
          <input
            id={`${id}-number`}
            className="input w-48 font-mono"
            inputMode="tel"
            autoComplete="off"
            value={number}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setNumber(e.target.value);
              setError(null);
            }}
            onKeyDown={onEnter}
          />
        </div>
        <div>
          <label htmlFor={`${id}-priority`} className="label">
            Priority
          </label>
          <input
            id={`${id}-priority`}
            type="number"
            min={min}
            max={max}
            className="input w-24"
            value={priority}
            onChange={(e) => setPriority(e.target.value)}
            onKeyDown={onEnter}
          />
        </div>
        <button type="button" className="btn-secondary" onClick={add}>
          <Plus className="size-4" aria-hidden /> Add VIP
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
