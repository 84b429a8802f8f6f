"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";

export type ExtensionChoice = { number: string; name: string };

/**
 * Adds an extension to a list by number: type it (the suggestions list every extension) and press
 * Enter or the button. Unknown numbers and duplicates are refused here; the server checks again.
 */
export function ExtensionAdder({
  label,
  buttonLabel,
  extensions,
  taken,
  onAdd,
}: {
  label: string;
  /** Distinct per adder ("Add member", "Add agent"), so several on one page stay tellable apart. */
  buttonLabel: string;
  extensions: ExtensionChoice[];
  taken: ReadonlySet<string>;
  onAdd: (extension: ExtensionChoice) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    const number = text.trim();
    const found = extensions.find((e) => e.number === number);
    if (!/^[0-9]{2,8}$/.test(number)) setError("Use 2 to 8 digits.");
    else if (!found) setError(`There is no extension ${number}.`);
    else if (taken.has(number)) setError(`${number} is already in the list.`);
    else {
      onAdd(found);
      setText("");
      setError(null);
    }
  };

  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex max-w-md gap-2">
        <input
          id={id}
          className="input font-mono"
          inputMode="numeric"
          autoComplete="off"
          list={`${id}-options`}
          placeholder="Extension number"
          value={text}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            // Enter adds to the list instead of submitting the whole form.
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn-secondary shrink-0" onClick={add}>
          <Plus className="size-4" aria-hidden /> {buttonLabel}
        </button>
      </div>
      <datalist id={`${id}-options`}>
        {extensions
          .filter((e) => !taken.has(e.number))
          .map((e) => (
            <option key={e.number} value={e.number}>
              {e.name}
            </option>
          ))}
      </datalist>
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </div>
  );
}
