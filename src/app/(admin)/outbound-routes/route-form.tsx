"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { FieldErrors } from "@/lib/errors";
import { intValue } from "@/lib/form-values";
import { CLASS_LABELS, CLASSES_OF_SERVICE } from "@/lib/validations/trunk-options";
import { createRoute, updateRoute } from "./actions";

type Class = (typeof CLASSES_OF_SERVICE)[number];
export type ExistingRoute = {
  id: string;
  name: string;
  patterns: string[];
  strip: number;
  prepend: string;
  callerId: string | null;
  classes: Class[];
  trunks: { id: string; name: string }[];
};
type TrunkChoice = { id: string; name: string; direction: string };

/** Patterns one per line; trunks picked in failover order. Everything is checked again on the server. */
export function RouteForm({ route, trunks }: { route?: ExistingRoute; trunks: TrunkChoice[] }) {
  const { errors, message, busy, submit } = useActionForm();
  const [chosen, setChosen] = useState<{ id: string; name: string }[]>(route?.trunks ?? []);
  const [classes, setClasses] = useState<Class[]>(route?.classes ?? ["national", "international"]);
  const available = trunks.filter((t) => t.direction !== "inbound" && !chosen.some((c) => c.id === t.id));

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      aria-label={route ? "Edit outbound route" : "New outbound route"}
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const text = (k: string) => String(f.get(k) ?? "");
        const input = {
          name: text("name"),
          patterns: text("patterns")
            .split("\n")
            .map((l) => l.replace(/\r$/, "").trim())
            .filter((l) => l !== ""),
          strip: intValue(f.get("strip")),
          prepend: text("prepend"),
          callerId: text("callerId"),
          classes,
          trunks: chosen.map((t) => t.id),
        };
        await submit(
          () => (route ? updateRoute({ ...input, id: route.id }) : createRoute(input)),
          () => "/outbound-routes",
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" errors={errors.name}>
          {(p) => <input {...p} defaultValue={route?.name} className="input" autoComplete="off" />}
        </Field>
        <Field
          label="Caller ID to send"
          name="callerId"
          errors={errors.callerId}
          help="Optional; empty uses each extension's outbound caller ID."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={route?.callerId ?? ""}
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Dial patterns"
          name="patterns"
          errors={[...(errors.patterns ?? []), ...itemErrors(errors, "patterns")]}
          help="One per line, Asterisk syntax: _00X. · _0[1-9]XXXXXXXX · 112. X=0-9, Z=1-9, N=2-9, [1-5] a set, '.' one or more, '!' zero or more (at the end)."
        >
          {(p) => (
            <textarea {...p} rows={4} defaultValue={route?.patterns.join("\n")} className="input font-mono" />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field label="Strip digits" name="strip" errors={errors.strip} help="Cut from the front.">
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={20}
                defaultValue={route?.strip ?? 0}
                className="input"
              />
            )}
          </Field>
          <Field label="Prepend" name="prepend" errors={errors.prepend} help="Then put in front.">
            {(p) => (
              <input
                {...p}
                defaultValue={route?.prepend ?? ""}
                className="input font-mono"
                autoComplete="off"
              />
            )}
          </Field>
        </div>
      </div>

      <fieldset>
        <legend className="label">Who may use it (class of service)</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CLASSES_OF_SERVICE.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={classes.includes(c)}
                onChange={(e) =>
                  setClasses(e.target.checked ? [...classes, c] : classes.filter((x) => x !== c))
                }
              />
              {CLASS_LABELS[c]}
            </label>
          ))}
        </div>
        {errors.classes && (
          <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {errors.classes.join(" ")}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend className="label">Trunks, in failover order</legend>
        <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
          The next trunk is tried when one is unavailable, congested or full.
        </p>
        <ol className="mb-2 space-y-1">
          {chosen.map((t, i) => (
            <li key={t.id} className="flex items-center gap-2 text-sm">
              <span className="w-5 text-right">{i + 1}.</span>
              <span className="font-mono">{t.name}</span>
              <button
                type="button"
                className="btn-secondary px-2 py-0.5 text-xs"
                disabled={i === 0}
                aria-label={`Move ${t.name} up`}
                onClick={() => setChosen(swap(chosen, i, i - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn-secondary px-2 py-0.5 text-xs"
                aria-label={`Remove ${t.name}`}
                onClick={() => setChosen(chosen.filter((c) => c.id !== t.id))}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        {available.length > 0 && (
          <label className="flex items-center gap-2 text-sm">
            Add trunk
            <select
              className="input w-auto"
              value=""
              aria-label="Add trunk"
              onChange={(e) => {
                const t = trunks.find((x) => x.id === e.target.value);
                if (t) setChosen([...chosen, { id: t.id, name: t.name }]);
              }}
            >
              <option value="">Choose…</option>
              {available.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {errors.trunks && (
          <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {errors.trunks.join(" ")}
          </p>
        )}
      </fieldset>

      <FormActions busy={busy} submitLabel={route ? "Save changes" : "Create route"} />
    </form>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

function itemErrors(errors: FieldErrors, field: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k.startsWith(`${field}.`))
    .flatMap(([, v]) => v);
}
