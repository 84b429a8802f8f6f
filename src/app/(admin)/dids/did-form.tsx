"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { type CallerListChoice, CallerListPicker } from "@/components/caller-list-picker";
import {
  type DestinationChoices,
  DestinationPicker,
  type DestinationValue,
} from "@/components/destination-picker";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { MAX_CALLER_RULES } from "@/lib/validations/inbound";
import { createDid, updateDid } from "./actions";

type RuleValue = { key: number; pattern: string; destination: DestinationValue };

export type ExistingDid = {
  id: string;
  number: string;
  description: string;
  trunkName: string;
  destination: DestinationValue;
  rules: { pattern: string; destination: DestinationValue }[];
  lists: string[];
};

export function DidForm({
  did,
  choices,
  lists,
}: {
  did?: ExistingDid;
  choices: DestinationChoices;
  lists: CallerListChoice[];
}) {
  const [destination, setDestination] = useState<DestinationValue>(
    did?.destination ?? { type: "hangup", target: "" },
  );
  const [rules, setRules] = useState<RuleValue[]>((did?.rules ?? []).map((r, i) => ({ key: i, ...r })));
  const [nextKey, setNextKey] = useState(did?.rules.length ?? 0);
  const [assigned, setAssigned] = useState<string[]>(did?.lists ?? []);
  const { errors, message, busy, submit } = useActionForm();

  const update = (i: number, patch: Partial<RuleValue>) =>
    setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) =>
    setRules((rs) => {
      const next = [...rs];
      const [r] = next.splice(i, 1);
      next.splice(i + by, 0, r!);
      return next;
    });

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          number: String(f.get("number") ?? ""),
          description: String(f.get("description") ?? ""),
          trunkName: String(f.get("trunkName") ?? ""),
          destination,
          rules: rules.map((r) => ({ pattern: r.pattern, destination: r.destination })),
          lists: assigned,
        };
        await submit(
          () => (did ? updateDid({ ...input, id: did.id }) : createDid(input)),
          () => (did ? `/dids/${did.id}?saved=1` : "/dids"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Number" name="number" errors={errors.number} help="An optional '+' and 2–20 digits.">
          {(p) => (
            <input
              {...p}
              defaultValue={did?.number}
              className="input font-mono"
              autoComplete="off"
              inputMode="tel"
            />
          )}
        </Field>
        <Field
          label="Description"
          name="description"
          errors={errors.description}
          help="Optional, up to 40 characters."
        >
          {(p) => <input {...p} defaultValue={did?.description} className="input" autoComplete="off" />}
        </Field>
        <Field
          label="Trunk"
          name="trunkName"
          errors={errors.trunkName}
          help="The identifier of the trunk it arrives on; empty for any."
        >
          {(p) => (
            <input {...p} defaultValue={did?.trunkName} className="input font-mono" autoComplete="off" />
          )}
        </Field>
      </div>

      <section aria-labelledby="did-destination-heading" className="space-y-2">
        <h2 id="did-destination-heading" className="font-semibold">
          Where calls go
        </h2>
        <DestinationPicker
          label="Call"
          value={destination}
          onChange={setDestination}
          choices={choices}
          errors={{ type: errors["destination.type"], target: errors["destination.target"] }}
        />
      </section>

      <section aria-labelledby="did-rules-heading" className="space-y-3">
        <h2 id="did-rules-heading" className="font-semibold">
          Caller-ID rules
        </h2>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          In order: the first rule whose pattern matches the caller's number picks the destination. A pattern
          is a number, or starts with “_”: X is any digit, N 2–9, Z 1–9, [1-5] a range, “.” one or more of
          anything (e.g. <span className="font-mono">_07X.</span>).
        </p>
        {errors.rules && (
          <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
            {errors.rules.join(" ")}
          </p>
        )}
        <ol className="space-y-4">
          {rules.map((r, i) => (
            <li
              key={r.key}
              className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
              aria-label={`Rule ${i + 1}`}
            >
              <div className="mb-3 flex flex-wrap items-end gap-3">
                <div className="min-w-48 flex-1">
                  <Field
                    label={`Rule ${i + 1}: caller pattern`}
                    name={`rules.${i}.pattern`}
                    errors={errors[`rules.${i}.pattern`]}
                  >
                    {(p) => (
                      <input
                        {...p}
                        value={r.pattern}
                        onChange={(e) => update(i, { pattern: e.target.value })}
                        className="input font-mono"
                        autoComplete="off"
                      />
                    )}
                  </Field>
                </div>
                <div className="flex gap-1">
                  <button
                    type="button"
                    className="btn-secondary"
                    aria-label={`Move rule ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    <ArrowUp className="size-4" aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    aria-label={`Move rule ${i + 1} down`}
                    disabled={i === rules.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    <ArrowDown className="size-4" aria-hidden />
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    aria-label={`Remove rule ${i + 1}`}
                    onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                </div>
              </div>
              <DestinationPicker
                label={`Rule ${i + 1}`}
                value={r.destination}
                onChange={(d) => update(i, { destination: d })}
                choices={choices}
                errors={{
                  type: errors[`rules.${i}.destination.type`],
                  target: errors[`rules.${i}.destination.target`],
                }}
              />
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="btn-secondary"
          disabled={rules.length >= MAX_CALLER_RULES}
          onClick={() => {
            setRules((rs) => [
              ...rs,
              { key: nextKey, pattern: "", destination: { type: "hangup", target: "" } },
            ]);
            setNextKey((k) => k + 1);
          }}
        >
          <Plus className="size-4" aria-hidden /> Add caller-ID rule
        </button>
      </section>

      <CallerListPicker lists={lists} value={assigned} onChange={setAssigned} errors={errors.lists} />

      <FormActions busy={busy} submitLabel={did ? "Save changes" : "Create inbound number"} />
    </form>
  );
}
