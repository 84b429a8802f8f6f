"use client";

import { useId, useMemo, useState } from "react";
import type { PanelDirectory } from "@/lib/db/queries/panel";
import type { Leg } from "./extension-menu";
import { PanelDialog } from "./panel-dialog";

const KIND_LABELS = { extension: "Extension", group: "Ring group", queue: "Queue" } as const;

/**
 * "Transfer to…": the keyboard alternative to dragging a call. Type a number or a name, pick
 * from the list (arrow keys, Enter), or type any internal number and press Enter.
 */
export function TransferPicker({
  target,
  destinations,
  onPick,
  onClose,
}: {
  target: { leg: Leg; attended: boolean } | null;
  destinations: PanelDirectory["destinations"];
  onPick: (number: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [q, setQ] = useState("");
  const [error, setError] = useState<string | null>(null);
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return destinations
      .filter((d) => !needle || d.number.startsWith(needle) || d.name.toLowerCase().includes(needle))
      .slice(0, 30);
  }, [q, destinations]);
  if (!target) return null;

  const pick = (number: string) => {
    if (!/^[0-9]{2,8}$/.test(number)) {
      setError("Enter an extension, ring group or queue number (2 to 8 digits).");
      return;
    }
    onPick(number);
  };

  return (
    <PanelDialog
      open
      title={`${target.attended ? "Attended transfer" : "Transfer"} ${target.leg.label}`}
      onClose={onClose}
    >
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const exact = destinations.find((d) => d.number === q.trim());
          pick(exact?.number ?? (matches.length === 1 ? matches[0]!.number : q.trim()));
        }}
      >
        <div>
          <label htmlFor={id} className="label">
            Transfer to
          </label>
          <input
            id={id}
            autoFocus
            className="input font-mono"
            autoComplete="off"
            value={q}
            placeholder="Number or name"
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setQ(e.target.value);
              setError(null);
            }}
          />
          {error && (
            <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
              {error}
            </p>
          )}
        </div>
        <ul aria-label="Destinations" className="max-h-64 space-y-1 overflow-y-auto">
          {matches.map((d) => (
            <li key={`${d.kind}:${d.number}`}>
              <button
                type="button"
                className="flex w-full items-center gap-3 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800"
                onClick={() => pick(d.number)}
              >
                <span className="w-16 font-mono">{d.number}</span>
                <span className="min-w-0 flex-1 truncate">{d.name}</span>
                <span className="text-xs text-slate-500">{KIND_LABELS[d.kind]}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary">
            Transfer
          </button>
        </div>
      </form>
    </PanelDialog>
  );
}
