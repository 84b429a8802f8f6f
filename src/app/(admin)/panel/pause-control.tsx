"use client";

import { useId, useState } from "react";

/** Pause with a break code, or unpause. Agents can only pause with a reason. */
export function PauseControl({
  paused,
  breakCodes,
  who,
  onPause,
  onUnpause,
}: {
  paused: boolean;
  breakCodes: { code: string; label: string }[];
  /** "me", or the extension number, for the controls' names. */
  who: string;
  onPause: (breakCode: string) => void;
  onUnpause: () => void;
}) {
  const id = useId();
  const [code, setCode] = useState(breakCodes[0]?.code ?? "");
  const [error, setError] = useState<string | null>(null);
  if (paused) {
    return (
      <button type="button" className="btn-primary" onClick={onUnpause}>
        {who === "me" ? "Unpause me" : `Unpause ${who}`}
      </button>
    );
  }
  if (breakCodes.length === 0) {
    return <p className="text-sm text-slate-500">No active break codes: an admin has to add one first.</p>;
  }
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="label">
          Break code
        </label>
        <select
          id={id}
          className="input w-48"
          value={code}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setCode(e.target.value);
            setError(null);
          }}
        >
          {breakCodes.map((b) => (
            <option key={b.code} value={b.code}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="btn-secondary"
        onClick={() => (code ? onPause(code) : setError("Choose a break code."))}
      >
        {who === "me" ? "Pause me" : `Pause ${who}`}
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
