"use client";

import { Plus, X } from "lucide-react";
import { useId, useState } from "react";

export type MemberChoice = { id: string; name: string; email: string; extension: string | null };
export type MemberValue = MemberChoice & { isSupervisor: boolean };

/**
 * The team's members, each with a supervisor flag. Add a user by typing their e-mail (the
 * suggestions list every user); unknown users and duplicates are refused here, and the server
 * checks again.
 */
export function TeamMembersEditor({
  members,
  onChange,
  choices,
  errors,
}: {
  members: MemberValue[];
  onChange: (members: MemberValue[]) => void;
  choices: MemberChoice[];
  errors?: string[];
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const taken = new Set(members.map((m) => m.id));

  const add = () => {
    const wanted = text.trim().toLowerCase();
    const found = choices.find((u) => u.email.toLowerCase() === wanted);
    if (!wanted) setError("Type the e-mail of a user.");
    else if (!found) setError(`There is no user ${text.trim()}.`);
    else if (taken.has(found.id)) setError(`${found.name} is already in the team.`);
    else {
      onChange([...members, { ...found, isSupervisor: false }]);
      setText("");
      setError(null);
    }
  };

  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
        {members.length === 0
          ? "No members yet."
          : `${members.length} member${members.length === 1 ? "" : "s"}, ${members.filter((m) => m.isSupervisor).length} supervising.`}
      </p>
      {members.length > 0 && (
        <ul
          aria-label="Team members"
          className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
        >
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <span className="font-medium">{m.name}</span>{" "}
                <span className="text-slate-500 dark:text-slate-400">{m.email}</span>
                {m.extension && <span className="ml-2 font-mono text-xs">ext. {m.extension}</span>}
              </span>
              <label className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  checked={m.isSupervisor}
                  aria-label={`${m.name} supervises this team`}
                  onChange={(e) =>
                    onChange(
                      members.map((x) => (x.id === m.id ? { ...x, isSupervisor: e.target.checked } : x)),
                    )
                  }
                />
                Supervisor
              </label>
              <button
                type="button"
                className="rounded p-1.5 text-rose-600 hover:bg-rose-50 dark:hover:bg-rose-950"
                aria-label={`Remove ${m.name}`}
                onClick={() => onChange(members.filter((x) => x.id !== m.id))}
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
          Add a member
        </label>
        <div className="flex max-w-md gap-2">
          <input
            id={id}
            className="input"
            type="email"
            autoComplete="off"
            list={`${id}-options`}
            placeholder="E-mail of a user"
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
            <Plus className="size-4" aria-hidden /> Add member
          </button>
        </div>
        <datalist id={`${id}-options`}>
          {choices
            .filter((u) => !taken.has(u.id))
            .map((u) => (
              <option key={u.id} value={u.email}>
                {u.name}
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
