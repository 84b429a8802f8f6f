"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";

export type QueueChoice = { number: string; name: string };

/** The queues the team's supervisors watch on the live panel, added by number. */
export function TeamQueuesEditor({
  queues,
  onChange,
  choices,
  errors,
}: {
  queues: QueueChoice[];
  onChange: (queues: QueueChoice[]) => void;
  choices: QueueChoice[];
  errors?: string[];
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const taken = new Set(queues.map((q) => q.number));

  const add = () => {
    const number = text.trim();
    const found = choices.find((q) => q.number === number);
    if (!/^[0-9]{2,8}$/.test(number)) setError("Use 2 to 8 digits.");
    else if (!found) setError(`There is no queue ${number}.`);
    else if (taken.has(number)) setError(`Queue ${number} is already in the list.`);
    else {
      onChange([...queues, found]);
      setText("");
      setError(null);
    }
  };

  return (
    <div className="space-y-3">
      {queues.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">No queues yet.</p>
      ) : (
        <ul
          aria-label="Team queues"
          className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
        >
          {queues.map((q) => (
            <li key={q.number} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="flex-1">
                <span className="font-mono">{q.number}</span>{" "}
                <span className="text-slate-600 dark:text-slate-300">{q.name}</span>
              </span>
              <button
                type="button"
                className="rounded p-1.5 text-rose-600 hover:bg-rose-50 dark:hover:bg-rose-950"
                aria-label={`Remove queue ${q.number}`}
                onClick={() => onChange(queues.filter((x) => x.number !== q.number))}
              >
                <X className="size-4" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors?.length ? (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
      <div>
        <label htmlFor={id} className="label">
          Add a queue
        </label>
        <div className="flex max-w-md gap-2">
          <input
            id={id}
            className="input font-mono"
            inputMode="numeric"
            autoComplete="off"
            list={`${id}-options`}
            placeholder="Queue number"
            value={text}
            aria-invalid={Boolean(error)}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="btn-secondary shrink-0" onClick={add}>
            <Plus className="size-4" aria-hidden /> Add queue
          </button>
        </div>
        <datalist id={`${id}-options`}>
          {choices
            .filter((q) => !taken.has(q.number))
            .map((q) => (
              <option key={q.number} value={q.number}>
                {q.name}
              </option>
            ))}
        </datalist>
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
