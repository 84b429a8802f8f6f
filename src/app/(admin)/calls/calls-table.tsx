import Link from "next/link";
import { formatSeconds, formatUtc } from "@/lib/calls/format";
import type { CallListRow } from "@/lib/db/queries/calls";

/** One row per call. Caller-ID text comes from strangers: it is only ever rendered as text. */
export function CallsTable({
  rows,
  hrefFor,
  current,
}: {
  rows: CallListRow[];
  hrefFor: (linkedid: string) => string;
  current: string | null;
}) {
  return (
    <div className="card overflow-x-auto">
      <table className="table-base">
        <caption className="sr-only">Calls</caption>
        <thead>
          <tr>
            <th scope="col">Start (UTC)</th>
            <th scope="col">Caller</th>
            <th scope="col">To</th>
            <th scope="col">Direction</th>
            <th scope="col">Disposition</th>
            <th scope="col">Duration</th>
            <th scope="col">Billed</th>
            <th scope="col">Queue / agent</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => {
            const key = row.linkedid || row.uniqueid;
            return (
              <tr key={row.id} data-testid="call-row" aria-current={current === key ? "true" : undefined}>
                <td className="whitespace-nowrap tabular-nums">
                  <Link href={hrefFor(key)} className="underline-offset-2 hover:underline" scroll={false}>
                    {formatUtc(row.calldate)}
                  </Link>
                </td>
                <td data-testid="call-clid">
                  <span className="block">{row.clid || row.src || "—"}</span>
                  {row.clid && row.src && <span className="block text-xs text-slate-500">{row.src}</span>}
                </td>
                <td>{row.dst || "—"}</td>
                <td className="capitalize">{row.direction || "—"}</td>
                <td>
                  <Disposition value={row.disposition} />
                </td>
                <td className="tabular-nums">{formatSeconds(row.duration)}</td>
                <td className="tabular-nums">{formatSeconds(row.billsec)}</td>
                <td className="text-xs">
                  {row.queues.join(", ") || "—"}
                  {row.agents.length > 0 && (
                    <span className="block text-slate-500">{row.agents.join(", ")}</span>
                  )}
                  {row.dispositions.length > 0 && (
                    <span className="block font-medium" data-testid="call-disposition-code">
                      {row.dispositions.join(", ")}
                    </span>
                  )}
                </td>
                <td className="tabular-nums">{row.legs}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const TONES: Record<string, string> = {
  ANSWERED: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-300",
  "NO ANSWER": "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300",
  BUSY: "bg-orange-100 text-orange-800 dark:bg-orange-900/40 dark:text-orange-300",
  FAILED: "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300",
};

export function Disposition({ value }: { value: string }) {
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONES[value] ?? "bg-slate-100 dark:bg-slate-800"}`}
    >
      {value || "—"}
    </span>
  );
}
