"use client";

import { scheduleCallback } from "@/app/(admin)/callbacks/actions";
import { Field, FormError } from "@/components/field";
import { useActionForm } from "@/components/use-action-form";

/**
 * Schedules a callback for the signed-in agent. The time is typed in the call centre's time zone
 * (Settings), which the form names; a bad value comes back beside its field and nothing typed is lost.
 */
export function CallbackForm({
  defaults,
  timeZone,
  minLocal,
  onDone,
  onCancel,
  compact = false,
}: {
  defaults?: { number?: string; due?: string; note?: string; linkedid?: string };
  timeZone: string;
  /** Now in the Settings zone (`YYYY-MM-DDTHH:MM`), the earliest the picker offers. */
  minLocal?: string;
  onDone?: () => void;
  onCancel?: () => void;
  compact?: boolean;
}) {
  const { errors, message, busy, submit } = useActionForm();
  return (
    <form
      aria-label="Schedule a callback"
      className={compact ? "space-y-3" : "card space-y-4 p-6"}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const ok = await submit(
          () =>
            scheduleCallback({
              number: String(f.get("number") ?? ""),
              due: String(f.get("due") ?? ""),
              note: String(f.get("note") ?? ""),
              linkedid: defaults?.linkedid || undefined,
            }),
          () => undefined,
        );
        if (ok) {
          form.reset();
          onDone?.();
        }
      }}
    >
      <FormError message={message} />
      {errors.linkedid && <FormError message={errors.linkedid.join(" ")} />}
      <div className={compact ? "space-y-3" : "grid gap-4 sm:grid-cols-3"}>
        <Field label="Number to call back" name="number" errors={errors.number}>
          {(p) => (
            <input
              {...p}
              defaultValue={defaults?.number}
              className="input font-mono"
              inputMode="tel"
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="When" name="due" errors={errors.due} help={`Time zone ${timeZone}.`}>
          {(p) => (
            <input
              {...p}
              type="datetime-local"
              min={minLocal}
              defaultValue={defaults?.due}
              className="input"
            />
          )}
        </Field>
        <Field label="Note" name="note" errors={errors.note}>
          {(p) => (
            <input
              {...p}
              defaultValue={defaults?.note}
              className="input"
              autoComplete="off"
              maxLength={500}
            />
          )}
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? "Scheduling…" : "Schedule callback"}
        </button>
      </div>
    </form>
  );
}
