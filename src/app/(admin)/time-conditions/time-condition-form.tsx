"use client";

import { Plus, X } from "lucide-react";
import { useState } from "react";
import {
  type DestinationChoices,
  DestinationPicker,
  type DestinationValue,
} from "@/components/destination-picker";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { FieldErrors } from "@/lib/errors";
import type { HolidayRange, ScheduleRule } from "@/lib/routing/time-condition";
import { createTimeCondition, updateTimeCondition } from "./actions";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export type ExistingTimeCondition = {
  id: string;
  number: string;
  name: string;
  schedule: ScheduleRule[];
  holidays: HolidayRange[];
  matched: DestinationValue;
  unmatched: DestinationValue;
};

export function TimeConditionForm({
  tc,
  choices,
  timezone,
}: {
  tc?: ExistingTimeCondition;
  choices: DestinationChoices;
  timezone: string;
}) {
  const [number, setNumber] = useState(tc?.number ?? "");
  const [schedule, setSchedule] = useState<Keyed<ScheduleRule>[]>(() =>
    keyed(tc?.schedule ?? [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "16:59" }]),
  );
  const [holidays, setHolidays] = useState<Keyed<HolidayRange>[]>(() => keyed(tc?.holidays ?? []));
  const [matched, setMatched] = useState<DestinationValue>(tc?.matched ?? { type: "hangup", target: "" });
  const [unmatched, setUnmatched] = useState<DestinationValue>(
    tc?.unmatched ?? { type: "hangup", target: "" },
  );
  const { errors, message, busy, submit } = useActionForm();
  const rowErrors = (prefix: string, i: number) => subErrors(errors, `${prefix}.${i}`);

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          number,
          name: String(f.get("name") ?? ""),
          schedule: schedule.map(({ k: _k, ...r }) => r),
          holidays: holidays.map(({ k: _k, ...h }) => h),
          matched,
          unmatched,
        };
        await submit(
          () => (tc ? updateTimeCondition({ ...input, id: tc.id }) : createTimeCondition(input)),
          () => (tc ? `/time-conditions/${tc.id}?saved=1` : "/time-conditions"),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Number"
          name="number"
          errors={errors.number}
          help="2–8 digits, unique across the dial plan."
        >
          {(p) => (
            <input
              {...p}
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              inputMode="numeric"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="Up to 40 letters, digits, spaces, '.', '-' or '_'."
        >
          {(p) => <input {...p} defaultValue={tc?.name} className="input" autoComplete="off" />}
        </Field>
      </div>

      <fieldset className="space-y-3">
        <legend className="font-semibold">Weekly schedule</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Times are in {timezone} (Settings). The end minute is included: 09:00–16:59 is open until 17:00.
        </p>
        {errors.schedule && (
          <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
            {errors.schedule.join(" ")}
          </p>
        )}
        {schedule.map((r, i) => {
          const re = rowErrors("schedule", i);
          const set = (patch: Partial<Keyed<ScheduleRule>>) =>
            setSchedule(schedule.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <div
              key={r.k}
              className="flex flex-wrap items-end gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-700"
            >
              <fieldset className="flex gap-1">
                <legend className="sr-only">Days of rule {i + 1}</legend>
                {DAYS.map((d, day) => (
                  <label key={d} className="flex items-center gap-1 text-sm">
                    <input
                      type="checkbox"
                      checked={r.days.includes(day)}
                      onChange={(e) =>
                        set({
                          days: e.target.checked ? [...r.days, day].sort() : r.days.filter((x) => x !== day),
                        })
                      }
                    />
                    {d}
                  </label>
                ))}
              </fieldset>
              <label className="text-sm">
                From
                <input
                  className="input w-28 font-mono"
                  value={r.start}
                  aria-invalid={Boolean(re.start)}
                  onChange={(e) => set({ start: e.target.value })}
                  aria-label={`Rule ${i + 1} start`}
                />
              </label>
              <label className="text-sm">
                To
                <input
                  className="input w-28 font-mono"
                  value={r.end}
                  aria-invalid={Boolean(re.end)}
                  onChange={(e) => set({ end: e.target.value })}
                  aria-label={`Rule ${i + 1} end`}
                />
              </label>
              <button
                type="button"
                className="rounded p-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                aria-label={`Remove rule ${i + 1}`}
                onClick={() => setSchedule(schedule.filter((_, j) => j !== i))}
              >
                <X className="size-4" aria-hidden />
              </button>
              {Object.values(re).length > 0 && (
                <p role="alert" className="w-full text-sm text-rose-600 dark:text-rose-400">
                  {Object.values(re).flat().join(" ")}
                </p>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="btn-secondary"
          onClick={() =>
            setSchedule([...schedule, { k: nextKey(), days: [1], start: "09:00", end: "16:59" }])
          }
        >
          <Plus className="size-4" aria-hidden /> Add rule
        </button>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="font-semibold">Holidays</legend>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Whole days, first and last included. On a holiday calls always take the “not matched” way.
        </p>
        {holidays.map((h, i) => {
          const he = rowErrors("holidays", i);
          const set = (patch: Partial<Keyed<HolidayRange>>) =>
            setHolidays(holidays.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <div key={h.k} className="flex flex-wrap items-end gap-3">
              <label className="text-sm">
                Name
                <input
                  className="input w-48"
                  value={h.name}
                  onChange={(e) => set({ name: e.target.value })}
                  aria-label={`Holiday ${i + 1} name`}
                />
              </label>
              <label className="text-sm">
                First day
                <input
                  type="date"
                  className="input"
                  value={h.start}
                  onChange={(e) => set({ start: e.target.value })}
                  aria-label={`Holiday ${i + 1} first day`}
                />
              </label>
              <label className="text-sm">
                Last day
                <input
                  type="date"
                  className="input"
                  value={h.end}
                  onChange={(e) => set({ end: e.target.value })}
                  aria-label={`Holiday ${i + 1} last day`}
                />
              </label>
              <button
                type="button"
                className="rounded p-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                aria-label={`Remove holiday ${i + 1}`}
                onClick={() => setHolidays(holidays.filter((_, j) => j !== i))}
              >
                <X className="size-4" aria-hidden />
              </button>
              {Object.values(he).length > 0 && (
                <p role="alert" className="w-full text-sm text-rose-600 dark:text-rose-400">
                  {Object.values(he).flat().join(" ")}
                </p>
              )}
            </div>
          );
        })}
        <button
          type="button"
          className="btn-secondary"
          onClick={() => setHolidays([...holidays, { k: nextKey(), name: "", start: "", end: "" }])}
        >
          <Plus className="size-4" aria-hidden /> Add holiday
        </button>
      </fieldset>

      <section className="space-y-4" aria-label="Destinations">
        <DestinationPicker
          label="Matched"
          value={matched}
          onChange={setMatched}
          choices={choices}
          exclude={{ type: "timecondition", number: number.trim() }}
          errors={{ type: errors["matched.type"], target: errors["matched.target"] }}
          help="While the schedule holds."
        />
        <DestinationPicker
          label="Not matched"
          value={unmatched}
          onChange={setUnmatched}
          choices={choices}
          exclude={{ type: "timecondition", number: number.trim() }}
          errors={{ type: errors["unmatched.type"], target: errors["unmatched.target"] }}
          help="Outside the schedule, and on holidays."
        />
      </section>

      <FormActions busy={busy} submitLabel={tc ? "Save changes" : "Create time condition"} />
    </form>
  );
}

type Keyed<T> = T & { k: number };
let keySeq = 0;
/** A React key for a row that has no identity of its own. */
function nextKey(): number {
  keySeq += 1;
  return keySeq;
}
function keyed<T>(rows: T[]): Keyed<T>[] {
  return rows.map((r) => ({ ...r, k: nextKey() }));
}

/** "schedule.2.start" → { start: [...] } for row 2. */
function subErrors(errors: FieldErrors, prefix: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k === prefix) out._row = v;
    else if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  }
  return out;
}
