import Link from "next/link";
import { CallRecordings } from "@/components/qa/call-recordings";
import { formatUtc } from "@/lib/calls/format";
import { cdrSteps, mergeTimeline, queueSteps, routeSteps, wrapupSteps } from "@/lib/calls/timeline";
import type { CallWrapupView } from "@/lib/db/queries/agent";
import type { RouteEventRow } from "@/lib/db/schema/inbound";
import type { CdrRow, QueueEventRow } from "@/lib/db/schema/live";
import type { Recording } from "@/lib/db/schema/recordings";
import { Disposition } from "./calls-table";
import { DrawerKeys } from "./drawer-keys";

/**
 * The call detail drawer, opened by `?call=<linkedid>` so it can be linked and reloaded: every
 * record of the call, its recordings, and a timeline merging the records with the call's queue
 * events.
 */
export function CallDrawer({
  linkedid,
  detail,
  closeHref,
  recordings = [],
  canReview = false,
  wrapups = [],
}: {
  linkedid: string;
  detail: { legs: CdrRow[]; queueEvents: QueueEventRow[]; routeEvents?: RouteEventRow[] } | null;
  closeHref: string;
  recordings?: Recording[];
  canReview?: boolean;
  /** The agents' wrap-ups of the call (disposition and notes). */
  wrapups?: CallWrapupView[];
}) {
  const timeline = detail
    ? mergeTimeline(
        cdrSteps(detail.legs),
        queueSteps(detail.queueEvents),
        routeSteps(detail.routeEvents ?? []),
        wrapupSteps(wrapups),
      )
    : [];
  return (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/30">
      <Link href={closeHref} className="flex-1" aria-hidden tabIndex={-1} scroll={false} />
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby="call-drawer-title"
        className="h-full w-full max-w-2xl overflow-y-auto bg-white p-6 shadow-xl dark:bg-slate-900"
      >
        <DrawerKeys closeHref={closeHref} />
        <div className="mb-4 flex items-start justify-between gap-4">
          <div>
            <h2 id="call-drawer-title" className="text-lg font-semibold">
              Call details
            </h2>
            <p className="font-mono text-xs text-slate-500">Linkedid {linkedid}</p>
          </div>
          <Link href={closeHref} className="btn-secondary" scroll={false} data-drawer-close>
            Close
          </Link>
        </div>
        {!detail ? (
          <p>This call does not exist, or it is not one of the calls you may see.</p>
        ) : (
          <>
            <h3 className="mb-2 font-medium">Records ({detail.legs.length})</h3>
            <div className="mb-6 overflow-x-auto">
              <table className="table-base text-xs" data-testid="call-legs">
                <thead>
                  <tr>
                    <th scope="col">Start</th>
                    <th scope="col">Caller ID</th>
                    <th scope="col">Channel → destination</th>
                    <th scope="col">App</th>
                    <th scope="col">Result</th>
                    <th scope="col">Billed</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.legs.map((leg) => (
                    <tr key={leg.id} data-testid="call-leg">
                      <td className="whitespace-nowrap tabular-nums">{formatUtc(leg.calldate)}</td>
                      <td>{leg.clid || leg.src}</td>
                      <td className="font-mono">
                        {leg.channel}
                        <span className="block text-slate-500">→ {leg.dstchannel || leg.dst}</span>
                      </td>
                      <td>
                        {leg.lastapp}
                        <span className="block text-slate-500">{leg.lastdata}</span>
                      </td>
                      <td>
                        <Disposition value={leg.disposition} />
                      </td>
                      <td className="tabular-nums">{leg.billsec} s</td>
                      <td>{leg.origin === "ami" ? "listener" : "Asterisk"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CallRecordings recordings={recordings} canReview={canReview} />
            {wrapups.length > 0 && (
              <>
                <h3 className="mb-2 font-medium">Wrap-up</h3>
                <ul className="mb-6 space-y-2 text-sm" data-testid="call-wrapups">
                  {wrapups.map((w) => (
                    <li key={w.id} className="rounded border border-slate-200 p-2 dark:border-slate-700">
                      <span className="font-medium">
                        {w.status === "saved"
                          ? w.dispositionLabel
                          : w.status === "skipped"
                            ? "Skipped"
                            : "Waiting for the agent"}
                      </span>{" "}
                      <span className="text-xs text-slate-500">
                        {w.agentName ?? w.extension} · {w.queue}
                      </span>
                      {w.notes && <p className="mt-1 whitespace-pre-wrap">{w.notes}</p>}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <h3 className="mb-2 font-medium">Timeline</h3>
            <ol
              className="space-y-2 border-l border-slate-200 pl-4 dark:border-slate-700"
              data-testid="call-timeline"
            >
              {timeline.map((step) => (
                <li
                  key={`${step.source}-${step.at.getTime()}-${step.title}-${step.detail ?? ""}`}
                  className="text-sm"
                >
                  <span className="font-mono text-xs tabular-nums text-slate-500">{formatUtc(step.at)}</span>{" "}
                  <span className="rounded bg-slate-100 px-1 text-xs dark:bg-slate-800">{step.source}</span>{" "}
                  <span className="font-medium">{step.title}</span>
                  {step.detail && <span className="block text-xs text-slate-500">{step.detail}</span>}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
    </div>
  );
}
