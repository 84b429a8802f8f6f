"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatBytes, formatDateTime } from "@/lib/recordings/format";
import { applyRetention } from "./actions";

type Item = {
  id: string;
  linkedid: string;
  path: string;
  bytes: number;
  fileMtime: string;
  fileRemoved?: boolean;
};
type Outcome = { applied: boolean; days: number; cutoff: string | null; items: Item[] };

/** Retention: preview what would go first, then delete it; the list shows what was removed. */
export function RetentionPanel({ days }: { days: number | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function run(apply: boolean) {
    setBusy(true);
    setError(null);
    const r = await applyRetention({ apply });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setOutcome(r.data);
    if (apply) router.refresh();
  }

  return (
    <section className="card mt-8 space-y-4 p-6" aria-labelledby="retention-heading">
      <h2 id="retention-heading" className="text-lg font-semibold">
        Retention
      </h2>
      {days ? (
        <p className="text-sm">
          Recordings older than <strong>{days} days</strong> can be deleted. Preview the list first.
        </p>
      ) : (
        <p className="text-sm">
          Retention is off. Set “Data retention (days)” in{" "}
          <a className="underline" href="/settings">
            Settings
          </a>{" "}
          to turn it on.
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn-secondary" disabled={busy || !days} onClick={() => run(false)}>
          Preview
        </button>
        <button
          type="button"
          className="btn-danger"
          disabled={busy || !outcome || outcome.applied || outcome.items.length === 0}
          onClick={() => run(true)}
        >
          Delete {outcome && !outcome.applied ? outcome.items.length : ""} recording(s)
        </button>
      </div>
      {outcome && (
        <div role="status">
          <p className="mb-2 text-sm font-medium">
            {outcome.applied
              ? `Deleted ${outcome.items.length} recording(s) older than ${outcome.days} days.`
              : `${outcome.items.length} recording(s) older than ${outcome.days} days would be deleted.`}
          </p>
          {outcome.items.length > 0 && (
            <table className="table-base">
              <thead>
                <tr>
                  <th scope="col">Recorded</th>
                  <th scope="col">Call</th>
                  <th scope="col">File</th>
                  <th scope="col">Size</th>
                  {outcome.applied && <th scope="col">File removed</th>}
                </tr>
              </thead>
              <tbody>
                {outcome.items.map((i) => (
                  <tr key={i.id}>
                    <td>{formatDateTime(i.fileMtime)}</td>
                    <td className="font-mono">{i.linkedid}</td>
                    <td className="font-mono">{i.path}</td>
                    <td>{formatBytes(i.bytes)}</td>
                    {outcome.applied && <td>{i.fileRemoved ? "Yes" : "Already gone"}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
