"use client";

import { useId } from "react";
import type { DestinationType } from "@/lib/db/schema/extensions";
import { DESTINATION_LABELS, DESTINATION_NOUNS, DESTINATION_TYPES } from "@/lib/validations/destination";

export type DestinationValue = { type: DestinationType; target: string };

/** What can be picked; the page loads it (components never query). */
export type DestinationChoices = {
  extensions: { number: string; name: string; voicemail: boolean }[];
  groups: { number: string; name: string }[];
  queues: { number: string; name: string }[];
  ringTrees: { number: string; name: string }[];
  ivrs: { number: string; name: string }[];
  timeConditions: { number: string; name: string }[];
};

/**
 * Where calls go when a group gives up or a queue is closed: a type, and for all but "hang up" a
 * target number (typed, or picked from the suggestions). The server checks the target again.
 */
export function DestinationPicker({
  label,
  value,
  onChange,
  choices,
  errors,
  exclude,
  help,
}: {
  /** "Failover", "Out-of-hours": the two controls are "<label> destination" and "<label> number". */
  label: string;
  value: DestinationValue;
  onChange: (value: DestinationValue) => void;
  choices: DestinationChoices;
  errors?: { type?: string[]; target?: string[] };
  /** The group or queue being edited: never offered as its own destination. */
  exclude?: { type: "group" | "queue" | "ivr" | "timecondition"; number: string };
  help?: string;
}) {
  const id = useId();
  const candidates = candidatesFor(value.type, choices, exclude);
  const target = value.target.trim();
  const match = candidates.find((c) => c.number === target);
  const typeErr = errors?.type?.length ? errors.type : undefined;
  const targetErr = errors?.target?.length ? errors.target : undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor={`${id}-type`} className="label">
          {label} destination
        </label>
        <select
          id={`${id}-type`}
          className="input"
          value={value.type}
          aria-invalid={Boolean(typeErr)}
          aria-describedby={
            [typeErr ? `${id}-type-error` : null, help ? `${id}-help` : null].filter(Boolean).join(" ") ||
            undefined
          }
          onChange={(e) => {
            const type = e.target.value as DestinationType;
            onChange({ type, target: type === "hangup" ? "" : value.target });
          }}
        >
          {DESTINATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {DESTINATION_LABELS[t]}
            </option>
          ))}
        </select>
        {help && (
          <p id={`${id}-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {help}
          </p>
        )}
        {typeErr && (
          <p id={`${id}-type-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {typeErr.join(" ")}
          </p>
        )}
      </div>
      {value.type !== "hangup" && (
        <div>
          <label htmlFor={`${id}-target`} className="label">
            {label} number
          </label>
          <input
            id={`${id}-target`}
            className="input font-mono"
            inputMode="numeric"
            autoComplete="off"
            list={`${id}-options`}
            value={value.target}
            placeholder={`Number of the ${DESTINATION_NOUNS[value.type]}`}
            aria-invalid={Boolean(targetErr)}
            aria-describedby={`${id}-match${targetErr ? ` ${id}-target-error` : ""}`}
            onChange={(e) => onChange({ type: value.type, target: e.target.value })}
          />
          <datalist id={`${id}-options`}>
            {candidates.map((c) => (
              <option key={c.number} value={c.number}>
                {c.name}
              </option>
            ))}
          </datalist>
          <p
            id={`${id}-match`}
            className="mt-1 text-xs text-slate-500 dark:text-slate-400"
            aria-live="polite"
          >
            {match
              ? `→ ${match.name}`
              : target
                ? `No ${DESTINATION_NOUNS[value.type]} ${target} in the list.`
                : `${candidates.length} to choose from.`}
          </p>
          {targetErr && (
            <p
              id={`${id}-target-error`}
              role="alert"
              className="mt-1 text-sm text-rose-600 dark:text-rose-400"
            >
              {targetErr.join(" ")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function candidatesFor(
  type: DestinationType,
  choices: DestinationChoices,
  exclude?: { type: "group" | "queue" | "ivr" | "timecondition"; number: string },
): { number: string; name: string }[] {
  const notSelf = (c: { number: string }) => !(exclude?.type === type && exclude.number === c.number);
  switch (type) {
    case "extension":
      return choices.extensions;
    case "voicemail":
      return choices.extensions.filter((e) => e.voicemail);
    case "group":
      return choices.groups.filter(notSelf);
    case "queue":
      return choices.queues.filter(notSelf);
    case "ringtree":
      return choices.ringTrees;
    case "ivr":
      return choices.ivrs.filter(notSelf);
    case "timecondition":
      return choices.timeConditions.filter(notSelf);
    default:
      return [];
  }
}
