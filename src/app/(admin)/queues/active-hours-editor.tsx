"use client";

import { Plus, X } from "lucide-react";
import type { FieldErrors } from "@/lib/errors";
import { DAY_LABELS, MAX_WINDOWS } from "@/lib/validations/queue";

export type WindowValue = { key: string; days: number[]; start: string; end: string };

/** Weekly opening windows. None means always open; outside them, calls go to the out-of-hours destination. */
export function ActiveHoursEditor({
  windows,
  onChange,
  errors,
}: {
  windows: WindowValue[];
  onChange: (w: WindowValue[]) => void;
  errors: FieldErrors;
}) {
  const update = (key: string, patch: Partial<WindowValue>) =>
    onChange(windows.map((w) => (w.key === key ? { ...w, ...patch } : w)));
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500 dark:text-slate-400">
        {windows.length === 0
          ? "Always open. Add a window to set opening hours."
          : "Open only in these windows (settings time zone). A window past midnight is two windows."}
      </p>
      {errors.activeHours && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.activeHours.join(" ")}
        </p>
      )}
      {windows.map((w, i) => {
        const err = (f: string) => errors[`activeHours.${i}.${f}`];
        const dayErr = [
          ...(err("days") ?? []),
          ...Object.entries(errors)
            .filter(([k]) => k.startsWith(`activeHours.${i}.days.`))
            .flatMap(([, v]) => v),
        ];
        return (
          <fieldset key={w.key} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <legend className="px-1 text-sm font-medium">Window {i + 1}</legend>
            <div className="flex flex-wrap items-end gap-4">
              <fieldset>
                <legend className="label">Days</legend>
                <div className="flex flex-wrap gap-2">
                  {DAY_LABELS.map((label, day) => (
                    <label key={label} className="flex items-center gap-1 text-sm">
                      <input
                        type="checkbox"
                        checked={w.days.includes(day)}
                        onChange={(e) =>
                          update(w.key, {
                            days: e.target.checked
                              ? [...w.days, day].sort((a, b) => a - b)
                              : w.days.filter((d) => d !== day),
                          })
                        }
                      />
                      {label}
                    </label>
                  ))}
                </div>
              </fieldset>
              <TimeInput
                id={`${w.key}-start`}
                label="Start"
                value={w.start}
                errors={err("start")}
                onChange={(start) => update(w.key, { start })}
              />
              <TimeInput
                id={`${w.key}-end`}
                label="End"
                value={w.end}
                errors={err("end")}
                onChange={(end) => update(w.key, { end })}
              />
              <button
                type="button"
                className="btn-secondary"
                aria-label={`Remove window ${i + 1}`}
                onClick={() => onChange(windows.filter((x) => x.key !== w.key))}
              >
                <X className="size-4" aria-hidden /> Remove
              </button>
            </div>
            {dayErr.length > 0 && (
              <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
                {dayErr.join(" ")}
              </p>
            )}
          </fieldset>
        );
      })}
      <button
        type="button"
        className="btn-secondary"
        disabled={windows.length >= MAX_WINDOWS}
        onClick={() =>
          onChange([...windows, { key: newKey(), days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }])
        }
      >
        <Plus className="size-4" aria-hidden /> Add window
      </button>
    </div>
  );
}

function TimeInput({
  id,
  label,
  value,
  errors,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  errors?: string[];
  onChange: (v: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        type="time"
        className="input w-32"
        value={value}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Keys for windows added in the browser; windows loaded from the server are keyed by index. */
let added = 0;
function newKey(): string {
  added += 1;
  return `window-new-${added}`;
}
