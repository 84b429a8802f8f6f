"use client";

import { CircleDot, GripVertical, Pause } from "lucide-react";
import { usePermission } from "@/components/permissions-provider";
import { startCallDrag } from "./call-drag";
import { type CallGroup, callerLabel, formatDuration } from "./panel-model";

const SPY_WORDS = { listen: "listening", whisper: "whispering", barge: "barged in" } as const;

/**
 * Active calls, one row per call (Linkedid) with its legs. A row can be dragged onto an
 * extension, a queue or the parking lot; its Actions button offers the same by keyboard.
 */
export function CallsTable({
  calls,
  now,
  moveLeg,
  onOpen,
}: {
  calls: CallGroup[];
  now: number;
  /** The leg a drag moves (the party on the other side from the agent). */
  moveLeg: (call: CallGroup) => { uniqueid: string; label: string };
  onOpen: (linkedid: string) => void;
}) {
  const canMove = usePermission("panel.control");
  const canAct = [
    canMove,
    usePermission("panel.spy"),
    usePermission("panel.whisper"),
    usePermission("panel.barge"),
    usePermission("panel.record"),
  ].some(Boolean);
  return (
    <section aria-labelledby="calls-heading" className="space-y-3">
      <h2 id="calls-heading" className="text-lg font-semibold">
        Active calls
      </h2>
      {calls.length === 0 ? (
        <p className="card px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">
          No active calls.
        </p>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base" aria-label="Active calls">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Drag</span>
                </th>
                <th scope="col">Call</th>
                <th scope="col">Legs</th>
                <th scope="col">Status</th>
                <th scope="col">Duration</th>
                <th scope="col">Supervision</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {calls.map((call) => {
                const first = call.legs[0]!;
                const title = callerLabel(first.callerIdNum, first.callerIdName);
                return (
                  <tr
                    key={call.linkedid}
                    draggable={canMove}
                    onDragStart={canMove ? (e) => startCallDrag(e, moveLeg(call)) : undefined}
                    data-linkedid={call.linkedid}
                    className="hover:bg-slate-50 dark:hover:bg-slate-800/50"
                  >
                    <td
                      className={
                        canMove ? "cursor-grab text-slate-400" : "text-slate-200 dark:text-slate-700"
                      }
                    >
                      <GripVertical className="size-4" aria-hidden />
                    </td>
                    <td className="max-w-56 truncate font-medium">{title}</td>
                    <td>
                      <ul className="space-y-0.5 text-xs">
                        {call.legs.map((leg) => (
                          <li key={leg.uniqueid} className="flex items-center gap-1.5">
                            <span className="font-mono">{leg.name}</span>
                            <span className="text-slate-500 dark:text-slate-400">{leg.state}</span>
                            {leg.onHold && (
                              <span className="inline-flex items-center gap-0.5 text-indigo-600 dark:text-indigo-300">
                                <Pause className="size-3" aria-hidden /> on hold
                              </span>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className="flex flex-wrap items-center gap-1.5">
                        {call.ringing && !call.answeredAt ? "Ringing" : call.onHold ? "On hold" : "Talking"}
                        {call.recording && (
                          <span className="inline-flex items-center gap-0.5 rounded bg-rose-50 px-1.5 text-xs text-rose-700 dark:bg-rose-950 dark:text-rose-300">
                            <CircleDot className="size-3" aria-hidden /> Recording
                          </span>
                        )}
                      </span>
                    </td>
                    <td className="font-mono tabular-nums">
                      {formatDuration(now - (call.answeredAt ?? call.startedAt))}
                    </td>
                    <td className="text-xs">
                      {call.spies.length === 0
                        ? "—"
                        : call.spies
                            .map((s) => `${s.extension} ${s.mode ? SPY_WORDS[s.mode] : "listening"}`)
                            .join(", ")}
                    </td>
                    <td>
                      {canAct && (
                        <button
                          type="button"
                          className="btn-secondary px-2.5 py-1"
                          aria-label={`Actions for call ${title}`}
                          onClick={() => onOpen(call.linkedid)}
                        >
                          Actions
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
