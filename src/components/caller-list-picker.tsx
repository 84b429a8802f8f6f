"use client";

import Link from "next/link";
import { useId } from "react";

export type CallerListChoice = { id: string; name: string; kind: "block" | "allow" };

/**
 * The block and allow lists that screen an object's callers: a group of checkboxes (keyboard:
 * Tab between them, Space toggles). Allow lists win: with one assigned, only callers on an allow
 * list get through.
 */
export function CallerListPicker({
  lists,
  value,
  onChange,
  errors,
  legend = "Block and allow lists",
}: {
  lists: CallerListChoice[];
  value: string[];
  onChange: (ids: string[]) => void;
  errors?: string[];
  legend?: string;
}) {
  const id = useId();
  const chosen = new Set(value);
  return (
    <fieldset aria-describedby={`${id}-help${errors?.length ? ` ${id}-error` : ""}`}>
      <legend className="label">{legend}</legend>
      {lists.length === 0 ? (
        <p className="text-sm text-slate-500">
          No lists yet.{" "}
          <Link href="/caller-lists" className="text-indigo-600 hover:underline">
            Create one
          </Link>
          .
        </p>
      ) : (
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {lists.map((l) => (
            <li key={l.id}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={chosen.has(l.id)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...value, l.id] : value.filter((v) => v !== l.id))
                  }
                />
                {l.name}
                <span className="rounded bg-slate-100 px-1 text-xs dark:bg-slate-800">{l.kind}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        A caller on a block list is refused. With an allow list, only callers on it get through.
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
