"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import type { ExtensionListRow } from "@/lib/db/queries/extensions";
import { RECORDING_POLICY_LABELS } from "@/lib/validations/extension";
import { bulkDeleteExtensions, bulkSetExtensionsEnabled } from "./actions";

type Bulk = "enable" | "disable" | "delete";

const VERB: Record<Bulk, string> = { enable: "Enable", disable: "Disable", delete: "Delete" };

/** The list with row checkboxes and bulk enable, disable and delete (each confirmed first). */
export function ExtensionsTable({ rows, selectable }: { rows: ExtensionListRow[]; selectable: boolean }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Bulk | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const allRef = useRef<HTMLInputElement>(null);

  // Rows change after a refresh or paging: keep only selections still on the page.
  useEffect(() => {
    setSelected((s) => new Set(rows.filter((r) => s.has(r.id)).map((r) => r.id)));
  }, [rows]);

  const count = selected.size;
  const all = count > 0 && count === rows.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = count > 0 && !all;
  }, [count, all]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const chosen = rows.filter((r) => selected.has(r.id));
  const names = chosen
    .slice(0, 5)
    .map((r) => `${r.number} ${r.displayName}`)
    .join(", ");

  async function run(kind: Bulk) {
    setBusy(true);
    const ids = [...selected];
    const result =
      kind === "delete"
        ? await bulkDeleteExtensions({ ids })
        : await bulkSetExtensionsEnabled({ ids, enabled: kind === "enable" });
    setBusy(false);
    setPending(null);
    if (!result.ok) {
      setError(result.error.message);
      setStatus(null);
      return;
    }
    setError(null);
    const d = result.data as { deleted?: number; changed?: number };
    setStatus(
      kind === "delete"
        ? `Deleted ${d.deleted} extension${d.deleted === 1 ? "" : "s"}.`
        : `${kind === "enable" ? "Enabled" : "Disabled"} ${d.changed} extension${d.changed === 1 ? "" : "s"}.`,
    );
    setSelected(new Set());
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {selectable && (
        <div
          role="toolbar"
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <span aria-live="polite" className="mr-2 text-slate-600 dark:text-slate-300">
            {count ? `${count} selected` : "Select extensions for bulk actions"}
          </span>
          {(["enable", "disable", "delete"] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className={kind === "delete" ? "btn-danger py-1.5" : "btn-secondary py-1.5"}
              disabled={count === 0 || busy}
              onClick={() => setPending(kind)}
            >
              {VERB[kind]} selected
            </button>
          ))}
        </div>
      )}
      <FormError message={error} />
      {status && (
        <p
          role="status"
          className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          {status}
        </p>
      )}
      <div className="card overflow-x-auto">
        <table className="table-base">
          <thead>
            <tr>
              {selectable && (
                <th scope="col" className="w-10">
                  <input
                    ref={allRef}
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={all}
                    onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.id)))}
                  />
                </th>
              )}
              <th scope="col">Number</th>
              <th scope="col">Name</th>
              <th scope="col">Linked user</th>
              <th scope="col">Enabled</th>
              <th scope="col">WebRTC</th>
              <th scope="col">Voicemail</th>
              <th scope="col">Recording</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {rows.map((e) => (
              <tr
                key={e.id}
                data-testid="extension-row"
                className={`hover:bg-slate-50 dark:hover:bg-slate-800/50 ${selected.has(e.id) ? "bg-indigo-50/60 dark:bg-indigo-950/40" : ""}`}
              >
                {selectable && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Select ${e.number} ${e.displayName}`}
                      checked={selected.has(e.id)}
                      onChange={() => toggle(e.id)}
                    />
                  </td>
                )}
                <td className="font-mono">
                  <Link
                    href={`/extensions/${e.id}`}
                    className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {e.number}
                  </Link>
                </td>
                <td>{e.displayName}</td>
                <td className="text-slate-600 dark:text-slate-300">
                  {e.linkedUser ? (
                    <span title={e.linkedUser.email}>{e.linkedUser.name}</span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td>
                  {e.enabled ? <Badge tone="teal">Enabled</Badge> : <Badge tone="rose">Disabled</Badge>}
                </td>
                <td>{e.webrtc ? "Yes" : "No"}</td>
                <td>{e.voicemailEnabled ? "Yes" : "No"}</td>
                <td>{RECORDING_POLICY_LABELS[e.recordingPolicy]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${VERB[pending]} ${count} extension${count === 1 ? "" : "s"}?` : ""}
        message={
          <>
            <p>
              {names}
              {chosen.length > 5 ? ` and ${chosen.length - 5} more` : ""}.
            </p>
            <p className="mt-2">
              {pending === "delete"
                ? "They are deleted now and removed from Asterisk at the next apply. Extensions still in a ring group or queue are refused."
                : "The change reaches Asterisk at the next apply."}
            </p>
          </>
        }
        confirmLabel={pending ? VERB[pending] : ""}
        destructive={pending === "delete"}
        busy={busy}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && run(pending)}
      />
    </div>
  );
}

function Badge({ tone, children }: { tone: "teal" | "rose"; children: React.ReactNode }) {
  const cls =
    tone === "teal"
      ? "bg-teal-50 text-teal-700 dark:bg-teal-950 dark:text-teal-300"
      : "bg-rose-50 text-rose-700 dark:bg-rose-950 dark:text-rose-300";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${cls}`}>{children}</span>;
}
