"use client";

import { Phone as PhoneIcon } from "lucide-react";
import { useEffect, useId, useState } from "react";

type Entry = { number: string; displayName: string };

export const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;

/**
 * Number entry with a directory search (GET /api/softphone/directory, at most 8 extensions)
 * and a keypad. The number is checked against the dial-string allowlist when dialed.
 */
export function Dialer({ onDial, disabled }: { onDial: (number: string) => void; disabled: boolean }) {
  const [value, setValue] = useState("");
  const [results, setResults] = useState<Entry[]>([]);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const inputId = useId();

  useEffect(() => {
    const q = value.trim();
    if (!q || q.length > 40) {
      setResults([]);
      return;
    }
    const ctrl = new AbortController();
    const t = setTimeout(async () => {
      const res = await fetch(`/api/softphone/directory?q=${encodeURIComponent(q)}`, {
        signal: ctrl.signal,
        cache: "no-store",
      }).catch(() => null);
      if (!res?.ok) return;
      const body = (await res.json()) as { rows: Entry[] };
      setResults(body.rows);
      setActive(-1);
    }, 150);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [value]);

  const dial = (number: string) => {
    onDial(number);
    setValue("");
    setResults([]);
  };

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const picked = results[active];
        dial(picked ? picked.number : value);
      }}
    >
      <label htmlFor={inputId} className="label">
        Number or name
      </label>
      <div className="relative">
        <input
          id={inputId}
          className="input"
          value={value}
          autoComplete="off"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((i) => Math.min(results.length - 1, i + 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((i) => Math.max(-1, i - 1));
            } else if (e.key === "Escape") {
              setResults([]);
            }
          }}
        />
        {results.length > 0 && (
          <div
            id={listId}
            role="listbox"
            aria-label="Directory matches"
            className="card absolute inset-x-0 bottom-full z-10 mb-1 max-h-56 overflow-y-auto py-1"
          >
            {results.map((r, i) => (
              <div
                key={r.number}
                role="option"
                aria-selected={i === active}
                tabIndex={-1}
                className={`cursor-pointer px-3 py-1.5 ${i === active ? "bg-indigo-50 dark:bg-indigo-950" : ""}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  dial(r.number);
                }}
                onKeyDown={(e) => e.key === "Enter" && dial(r.number)}
              >
                <span className="font-mono">{r.number}</span> {r.displayName}
              </div>
            ))}
          </div>
        )}
      </div>
      <fieldset className="grid grid-cols-3 gap-1" aria-label="Keypad">
        {KEYS.map((k) => (
          <button
            key={k}
            type="button"
            className="btn-secondary py-1.5 font-mono"
            onClick={() => setValue((v) => v + k)}
          >
            {k}
          </button>
        ))}
      </fieldset>
      <button type="submit" className="btn-primary w-full" disabled={disabled}>
        <PhoneIcon className="size-4" aria-hidden /> Call
      </button>
    </form>
  );
}
