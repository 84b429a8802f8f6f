"use client";

import { useEffect, useState } from "react";
import { describeTrunkState, type TrunkStatusMap } from "@/lib/routing/outbound/trunk-status";

const TONES = {
  ok: "bg-teal-100 text-teal-800 dark:bg-teal-950 dark:text-teal-200",
  warn: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  bad: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  unknown: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
} as const;

/**
 * Polls /api/trunks/status every 5 s while the page is visible and renders one badge per trunk
 * into the cells that ask for it (one request for the whole list).
 */
export function useTrunkStatus(): { status: TrunkStatusMap | null; error: string | null } {
  const [status, setStatus] = useState<TrunkStatusMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const res = await fetch("/api/trunks/status", { cache: "no-store" });
        const body = await res.json();
        if (stopped) return;
        if (!res.ok) {
          setError(body?.error?.message ?? "Asterisk is not reachable.");
          return;
        }
        setStatus(body.trunks);
        setError(null);
      } catch {
        if (!stopped) setError("Asterisk is not reachable.");
      }
    };
    void tick();
    const timer = setInterval(tick, 5000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return { status, error };
}

export type TrunkRow = {
  id: string;
  name: string;
  direction: string;
  authMode: "registration" | "ip";
  host: string;
  port: number;
  transport: string;
  maxChannels: number;
  routeCount: number;
};

/** The trunks list with a live state column (the rows come from the server page). */
export function TrunksTable({ rows }: { rows: TrunkRow[] }) {
  const { status, error } = useTrunkStatus();
  return (
    <div className="card overflow-x-auto">
      {error && (
        <p role="status" className="px-4 pt-3 text-sm text-amber-700 dark:text-amber-300">
          Live state unavailable: {error}
        </p>
      )}
      <table className="table-base">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">State</th>
            <th scope="col">Direction</th>
            <th scope="col">Host</th>
            <th scope="col">Auth</th>
            <th scope="col">Max channels</th>
            <th scope="col">Routes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((t) => {
            const s = describeTrunkState(t.authMode, status?.[t.name]);
            return (
              <tr key={t.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                <td>
                  <a
                    href={`/trunks/${t.id}`}
                    className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {t.name}
                  </a>
                </td>
                <td>
                  <span
                    data-testid={`trunk-status-${t.name}`}
                    className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[status ? s.tone : "unknown"]}`}
                  >
                    {status ? s.text : "Checking…"}
                  </span>
                </td>
                <td>{t.direction}</td>
                <td className="font-mono">
                  {t.host}:{t.port}/{t.transport}
                </td>
                <td>{t.authMode === "registration" ? "Registration" : "IP"}</td>
                <td>{t.maxChannels === 0 ? "No limit" : t.maxChannels}</td>
                <td>{t.routeCount}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
