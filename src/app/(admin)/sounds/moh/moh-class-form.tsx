"use client";

import { ArrowDown, ArrowUp, X } from "lucide-react";
import { useId, useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { MOH_SORT_LABELS, MOH_SORTS } from "@/lib/validations/moh-class";
import { createMohClass, updateMohClass } from "../actions";

type SoundChoice = { id: string; name: string };

export function MohClassForm({
  cls,
  library,
}: {
  cls?: { id: string; name: string; sort: (typeof MOH_SORTS)[number]; sounds: SoundChoice[] };
  library: SoundChoice[];
}) {
  const addId = useId();
  const [items, setItems] = useState<SoundChoice[]>(cls?.sounds ?? []);
  const [pick, setPick] = useState("");
  const { errors, message, busy, submit } = useActionForm();
  const move = (from: number, to: number) => {
    const next = [...items];
    const [it] = next.splice(from, 1);
    next.splice(to, 0, it!);
    setItems(next);
  };
  const available = library.filter((s) => !items.some((i) => i.id === s.id));
  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          name: String(f.get("name") ?? ""),
          sort: String(f.get("sort") ?? "alpha") as (typeof MOH_SORTS)[number],
          sounds: items.map((i) => i.id),
        };
        await submit(
          () => (cls ? updateMohClass({ ...input, id: cls.id }) : createMohClass(input)),
          () => "/sounds",
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Class name"
          name="name"
          errors={errors.name}
          help="Letters, digits, '-' or '_'. Queues pick it by this name."
        >
          {(p) => <input {...p} defaultValue={cls?.name} className="input font-mono" autoComplete="off" />}
        </Field>
        <Field label="Order" name="sort" errors={errors.sort}>
          {(p) => (
            <select {...p} defaultValue={cls?.sort ?? "alpha"} className="input">
              {MOH_SORTS.map((s) => (
                <option key={s} value={s}>
                  {MOH_SORT_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="label">Sounds, in play order</legend>
        {items.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No sounds yet.</p>
        ) : (
          <ol
            className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
            aria-label="Sounds in the class"
          >
            {items.map((s, i) => (
              <li key={s.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                <span className="w-6 text-right font-mono text-slate-400" aria-hidden>
                  {i + 1}.
                </span>
                <span className="flex-1 font-mono">{s.name}</span>
                <button
                  type="button"
                  className="rounded p-1.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800"
                  aria-label={`Move ${s.name} up`}
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  <ArrowUp className="size-4" aria-hidden />
                </button>
                <button
                  type="button"
                  className="rounded p-1.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800"
                  aria-label={`Move ${s.name} down`}
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  <ArrowDown className="size-4" aria-hidden />
                </button>
                <button
                  type="button"
                  className="rounded p-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                  aria-label={`Remove ${s.name}`}
                  onClick={() => setItems(items.filter((x) => x.id !== s.id))}
                >
                  <X className="size-4" aria-hidden />
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <label htmlFor={addId} className="label">
              Add a sound
            </label>
            <select id={addId} className="input" value={pick} onChange={(e) => setPick(e.target.value)}>
              <option value="">Choose…</option>
              {available.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="btn-secondary"
            disabled={!pick}
            onClick={() => {
              const s = library.find((x) => x.id === pick);
              if (s) setItems([...items, s]);
              setPick("");
            }}
          >
            Add
          </button>
        </div>
        {errors.sounds && (
          <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
            {errors.sounds.join(" ")}
          </p>
        )}
      </fieldset>
      <FormActions busy={busy} submitLabel={cls ? "Save changes" : "Create class"} />
    </form>
  );
}
