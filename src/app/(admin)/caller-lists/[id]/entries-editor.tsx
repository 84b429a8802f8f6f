"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { FormError } from "@/components/field";
import type { FieldErrors } from "@/lib/errors";
import { EXPIRY_DAYS, splitEntries } from "@/lib/validations/inbound";
import { addListEntries, removeListEntries } from "../actions";

type Entry = { id: string; value: string; expiresAt: string | null };

/**
 * Adds numbers and patterns in bulk (one per line) with an optional expiry in days, and removes
 * the selected ones. Exact numbers are live on the next call; patterns after the next apply.
 */
export function EntriesEditor({
  listId,
  entries,
  writable,
}: {
  listId: string;
  entries: Entry[];
  writable: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [days, setDays] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function add() {
    const values = splitEntries(text);
    const expiresInDays = days.trim() === "" ? null : Number(days);
    setBusy(true);
    const result = await addListEntries({
      listId,
      entries: values.map((value) => ({ value, expiresInDays })),
    });
    setBusy(false);
    if (!result.ok) {
      const fe = result.error.fieldErrors ?? {};
      setErrors(fe);
      // Name the bad values, so nothing typed is lost and the user sees which line to fix.
      const bad = Object.keys(fe)
        .map((k) => /^entries\.(\d+)\.value$/.exec(k)?.[1])
        .filter((i): i is string => i !== undefined)
        .map((i) => values[Number(i)]);
      setMessage(
        bad.length
          ? `Not a number or pattern: ${bad.join(", ")}. ${fe[Object.keys(fe)[0]!]?.[0] ?? ""}`
          : result.error.message,
      );
      return;
    }
    setErrors({});
    setMessage(null);
    setText("");
    setStatus(
      `Added ${result.data.added}. ${result.data.patterns ? "Patterns take effect with the next apply; numbers" : "They"} take effect on the next call.`,
    );
    router.refresh();
  }

  async function remove() {
    setBusy(true);
    const result = await removeListEntries({ listId, ids: [...selected] });
    setBusy(false);
    if (!result.ok) {
      setMessage(result.error.message);
      return;
    }
    setSelected(new Set());
    setStatus(`Removed ${result.data.removed}.`);
    router.refresh();
  }

  const daysError = errors["entries.0.expiresInDays"];
  return (
    <div className="space-y-4">
      <FormError message={message} />
      {status && (
        <p
          role="status"
          className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          {status}
        </p>
      )}
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">No entries.</p>
      ) : (
        <table className="table-base" aria-label="Entries">
          <thead>
            <tr>
              {writable && (
                <th scope="col">
                  <span className="sr-only">Select</span>
                </th>
              )}
              <th scope="col">Number or pattern</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {entries.map((e) => {
              const expired = e.expiresAt !== null && new Date(e.expiresAt).getTime() <= Date.now();
              return (
                <tr key={e.id}>
                  {writable && (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${e.value}`}
                        checked={selected.has(e.id)}
                        onChange={(ev) => {
                          const next = new Set(selected);
                          if (ev.target.checked) next.add(e.id);
                          else next.delete(e.id);
                          setSelected(next);
                        }}
                      />
                    </td>
                  )}
                  <td className="font-mono">{e.value}</td>
                  <td className={expired ? "text-slate-400" : undefined}>
                    {e.expiresAt
                      ? `${e.expiresAt.slice(0, 16).replace("T", " ")} UTC${expired ? " (expired)" : ""}`
                      : "Never"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {writable && (
        <>
          <button
            type="button"
            className="btn-danger"
            disabled={busy || selected.size === 0}
            onClick={remove}
          >
            Remove selected ({selected.size})
          </button>
          <div className="grid gap-4 border-t border-slate-200 pt-4 sm:grid-cols-[1fr_12rem] dark:border-slate-800">
            <div>
              <label htmlFor={`${id}-values`} className="label">
                Add numbers or patterns
              </label>
              <textarea
                id={`${id}-values`}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={4}
                spellCheck={false}
                className="input font-mono text-sm"
                aria-describedby={`${id}-values-help`}
                aria-invalid={Object.keys(errors).some((k) => k.startsWith("entries"))}
              />
              <p id={`${id}-values-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                One per line: a number (+441234567890), or a pattern starting with “_” (_0900X.).
              </p>
            </div>
            <div>
              <label htmlFor={`${id}-days`} className="label">
                Expires after (days)
              </label>
              <input
                id={`${id}-days`}
                type="number"
                min={EXPIRY_DAYS.min}
                max={EXPIRY_DAYS.max}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                className="input"
                aria-invalid={Boolean(daysError)}
                aria-describedby={`${id}-days-help`}
              />
              <p id={`${id}-days-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                Empty: never.
              </p>
              {daysError && (
                <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
                  {daysError.join(" ")}
                </p>
              )}
            </div>
          </div>
          <button type="button" className="btn-primary" disabled={busy || text.trim() === ""} onClick={add}>
            {busy ? "Saving…" : "Add to list"}
          </button>
        </>
      )}
    </div>
  );
}
