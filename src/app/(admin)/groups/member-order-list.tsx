"use client";

import { ArrowDown, ArrowUp, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ExtensionAdder, type ExtensionChoice } from "@/components/extension-adder";

/**
 * The group's members in ring order. Up/down buttons reorder (focus follows the moved member, and
 * a live region says where it went), so ordering needs no mouse and no drag and drop.
 */
export function MemberOrderList({
  members,
  onChange,
  extensions,
  errors,
}: {
  members: ExtensionChoice[];
  onChange: (members: ExtensionChoice[]) => void;
  extensions: ExtensionChoice[];
  errors?: string[];
}) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    if (!focusKey) return;
    buttons.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const move = (from: number, to: number) => {
    const next = [...members];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    // At either end the pressed button disables itself; keep focus on its twin instead.
    const dir = to < from ? "up" : "down";
    const atEnd = dir === "up" ? to === 0 : to === next.length - 1;
    setFocusKey(`${item!.number}:${atEnd ? (dir === "up" ? "down" : "up") : dir}`);
    setAnnouncement(`${item!.name} (${item!.number}) moved to position ${to + 1} of ${next.length}.`);
  };

  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    if (el) buttons.current.set(key, el);
    else buttons.current.delete(key);
  };

  return (
    <fieldset className="space-y-3">
      <legend className="label">Members, in ring order</legend>
      {members.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No members yet: calls go straight to the failover.
        </p>
      ) : (
        <ol
          className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
          aria-label="Members"
        >
          {members.map((m, i) => (
            <li key={m.number} className="flex items-center gap-3 px-3 py-2 text-sm">
              <span className="w-6 text-right font-mono text-slate-400" aria-hidden>
                {i + 1}.
              </span>
              <span className="flex-1">
                <span className="font-mono">{m.number}</span>{" "}
                <span className="text-slate-600 dark:text-slate-300">{m.name}</span>
              </span>
              <button
                ref={ref(`${m.number}:up`)}
                type="button"
                className="rounded p-1.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800"
                aria-label={`Move ${m.number} up`}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                <ArrowUp className="size-4" aria-hidden />
              </button>
              <button
                ref={ref(`${m.number}:down`)}
                type="button"
                className="rounded p-1.5 hover:bg-slate-100 disabled:opacity-30 dark:hover:bg-slate-800"
                aria-label={`Move ${m.number} down`}
                disabled={i === members.length - 1}
                onClick={() => move(i, i + 1)}
              >
                <ArrowDown className="size-4" aria-hidden />
              </button>
              <button
                type="button"
                className="rounded p-1.5 text-rose-600 hover:bg-rose-50 dark:hover:bg-rose-950"
                aria-label={`Remove ${m.number}`}
                onClick={() => {
                  onChange(members.filter((x) => x.number !== m.number));
                  setAnnouncement(`${m.name} (${m.number}) removed.`);
                }}
              >
                <X className="size-4" aria-hidden />
              </button>
            </li>
          ))}
        </ol>
      )}
      {errors?.length ? (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
      <ExtensionAdder
        label="Add a member"
        buttonLabel="Add member"
        extensions={extensions}
        taken={new Set(members.map((m) => m.number))}
        onAdd={(ext) => {
          onChange([...members, ext]);
          setAnnouncement(`${ext.name} (${ext.number}) added at position ${members.length + 1}.`);
        }}
      />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
