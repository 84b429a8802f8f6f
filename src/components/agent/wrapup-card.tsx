"use client";

import { useState } from "react";
import { saveWrapup, skipWrapup } from "@/app/(admin)/callbacks/wrapup-actions";
import { Field, FormError } from "@/components/field";
import { useActionForm } from "@/components/use-action-form";
import type { AgentInbox } from "@/lib/agent/inbox";
import { CallbackForm } from "./callback-form";

type Wrapup = AgentInbox["wrapups"][number];

/**
 * The wrap-up of one queue call: a disposition, notes, and a shortcut to schedule a callback to
 * the caller. A required one has no way out but saving; an optional one can be skipped.
 */
export function WrapupCard({
  wrapup,
  dispositions,
  timeZone,
  localNow,
  waiting,
  onDone,
  onLater,
}: {
  wrapup: Wrapup;
  dispositions: AgentInbox["dispositions"];
  timeZone: string;
  localNow: string;
  /** How many more wrap-ups wait after this one. */
  waiting: number;
  onDone: () => void;
  /** Sets an optional wrap-up aside (the dock shows its other controls) until the dock reopens. */
  onLater?: () => void;
}) {
  const { errors, message, busy, submit, setMessage } = useActionForm();
  const [code, setCode] = useState("");
  const [notes, setNotes] = useState("");
  const [callback, setCallback] = useState(false);
  const [scheduled, setScheduled] = useState(false);
  const ended = new Date(wrapup.endedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return (
    <section aria-labelledby={`wrapup-${wrapup.id}`} className="space-y-3">
      <header>
        <h2 id={`wrapup-${wrapup.id}`} className="text-sm font-semibold">
          Wrap up: call from <span className="font-mono">{wrapup.callerIdNum || "unknown"}</span>
        </h2>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Queue <span className="font-mono">{wrapup.queue}</span> · ended {ended}
          {wrapup.required ? " · a disposition is required" : ""}
          {waiting > 0 ? ` · ${waiting} more waiting` : ""}
        </p>
      </header>
      <form
        aria-label="Wrap-up"
        className="space-y-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await submit(
            () => saveWrapup({ id: wrapup.id, dispositionCodeId: code, notes }),
            () => undefined,
          );
          if (ok) onDone();
        }}
      >
        <FormError message={message} />
        <Field label="Disposition" name="dispositionCodeId" errors={errors.dispositionCodeId}>
          {(p) => (
            <select {...p} className="input" value={code} onChange={(e) => setCode(e.target.value)}>
              <option value="">Choose…</option>
              {dispositions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={wrapup.notesRequired ? "Notes (required)" : "Notes"} name="notes" errors={errors.notes}>
          {(p) => (
            <textarea
              {...p}
              className="input min-h-16"
              maxLength={2000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <button type="button" className="btn-secondary mr-auto" onClick={() => setCallback((v) => !v)}>
            {callback ? "Hide callback" : "Schedule callback"}
          </button>
          {onLater && (
            <button type="button" className="btn-secondary" onClick={onLater}>
              Later
            </button>
          )}
          {!wrapup.required && (
            <button
              type="button"
              className="btn-secondary"
              disabled={busy}
              onClick={async () => {
                const result = await skipWrapup({ id: wrapup.id });
                if (result.ok) onDone();
                else setMessage(result.error.message);
              }}
            >
              Skip
            </button>
          )}
          <button type="submit" className="btn-primary" disabled={busy}>
            {busy ? "Saving…" : "Save wrap-up"}
          </button>
        </div>
      </form>
      {scheduled && (
        <p role="status" className="text-sm text-teal-700 dark:text-teal-300">
          Callback scheduled.
        </p>
      )}
      {callback && (
        <CallbackForm
          compact
          timeZone={timeZone}
          minLocal={localNow}
          defaults={{ number: wrapup.callerIdNum ?? "", linkedid: wrapup.linkedid }}
          onDone={() => {
            setCallback(false);
            setScheduled(true);
          }}
          onCancel={() => setCallback(false)}
        />
      )}
    </section>
  );
}
