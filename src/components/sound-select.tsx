"use client";

import Link from "next/link";
import { useId } from "react";

export type SoundChoice = { id: string; name: string };

/**
 * Picks one sound of the library (IVR prompts, queue announcements): a native select, so it works
 * from the keyboard, with a preview player for the chosen sound and the field's errors wired to it.
 * An empty library says where to upload one.
 */
export function SoundSelect({
  label,
  value,
  sounds,
  onChange,
  name,
  errors,
  help,
  placeholder = "Choose…",
  disabled,
}: {
  label: string;
  value: string | null;
  sounds: SoundChoice[];
  onChange: (id: string | null) => void;
  /** Form field name, also the key of its errors. */
  name?: string;
  errors?: string[];
  help?: React.ReactNode;
  /** The empty option: "Choose…" where a sound is needed, "None" where it is optional. */
  placeholder?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const empty = sounds.length === 0;
  const describedBy = [errors?.length ? `${id}-error` : null, help || empty ? `${id}-help` : null]
    .filter(Boolean)
    .join(" ");
  // A chosen sound stays selectable even if the list no longer offers it, so a save keeps it.
  const options =
    value && !sounds.some((s) => s.id === value) ? [...sounds, { id: value, name: "Missing sound" }] : sounds;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="input"
        value={value ?? ""}
        disabled={disabled}
        aria-invalid={Boolean(errors?.length)}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{placeholder}</option>
        {options.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {empty ? (
        <p id={`${id}-help`} className="text-xs text-slate-500 dark:text-slate-400">
          No sounds yet — upload one in{" "}
          <Link href="/sounds" className="underline">
            Sounds
          </Link>
          .
        </p>
      ) : help ? (
        <p id={`${id}-help`} className="text-xs text-slate-500 dark:text-slate-400">
          {help}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
      {value && (
        // biome-ignore lint/a11y/useMediaCaption: sounds from the library have no transcript
        <audio
          controls
          preload="none"
          src={`/api/sounds/${value}`}
          aria-label={`Preview ${label.toLowerCase()}`}
          className="h-8 w-full"
        />
      )}
    </div>
  );
}
