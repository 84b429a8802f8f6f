"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { requestDial } from "@/lib/agent/dial";
import type { Result } from "@/lib/errors";
import { cancelCallback, completeCallback, rescheduleCallback } from "./actions";

/** Call now (the softphone dials it), mark done, move to another time, or cancel. */
export function CallbackRowActions({
  callback,
  canDial,
  minLocal,
}: {
  callback: { id: string; number: string; dueLocal: string };
  /** Only the agent's own callbacks dial from here: a supervisor's phone isn't the agent's. */
  canDial: boolean;
  minLocal: string;
}) {
  const router = useRouter();
  const id = useId();
  const [moving, setMoving] = useState(false);
  const [due, setDue] = useState(callback.dueLocal);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<Result<unknown>>) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result.ok) return setError(result.error.fieldErrors?.due?.[0] ?? result.error.message);
    setError(null);
    setMoving(false);
    router.refresh();
  };
  return (
    <div className="flex flex-wrap items-center justify-end gap-1">
      {canDial && (
        <button
          type="button"
          className="btn-primary px-2 py-1 text-xs"
          onClick={() => requestDial(callback.number)}
        >
          Call now<span className="sr-only"> {callback.number}</span>
        </button>
      )}
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={busy}
        onClick={() => run(() => completeCallback({ id: callback.id }))}
      >
        Done
      </button>
      {moving ? (
        <span className="flex items-center gap-1">
          <label htmlFor={id} className="sr-only">
            New time for {callback.number}
          </label>
          <input
            id={id}
            type="datetime-local"
            className="input w-auto py-0.5 text-xs"
            min={minLocal}
            value={due}
            aria-invalid={Boolean(error)}
            onChange={(e) => setDue(e.target.value)}
          />
          <button
            type="button"
            className="btn-secondary px-2 py-1 text-xs"
            disabled={busy}
            onClick={() => run(() => rescheduleCallback({ id: callback.id, due }))}
          >
            Save
          </button>
        </span>
      ) : (
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setMoving(true)}>
          Reschedule
        </button>
      )}
      <button
        type="button"
        className="btn-secondary px-2 py-1 text-xs"
        disabled={busy}
        onClick={() => run(() => cancelCallback({ id: callback.id }))}
      >
        Cancel<span className="sr-only"> callback to {callback.number}</span>
      </button>
      {error && (
        <p role="alert" className="w-full text-right text-xs text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
