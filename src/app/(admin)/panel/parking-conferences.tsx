"use client";

import { SquareParking, UsersRound } from "lucide-react";
import { useState } from "react";
import { Can } from "@/components/permissions-provider";
import type { LiveChannel, LiveConference, LiveParkedCall } from "@/lib/asterisk/live/types";
import { callDropTarget, type DraggedCall } from "./call-drag";
import { callerLabel, formatDuration } from "./panel-model";

/** The parking lot (drop a call here to park it) and the conference rooms. */
export function ParkingAndConferences({
  parked,
  rooms,
  now,
  onDropCall,
  onUnpark,
}: {
  parked: LiveParkedCall[];
  rooms: (LiveConference & { members: LiveChannel[] })[];
  now: number;
  onDropCall: (call: DraggedCall) => void;
  onUnpark: (p: LiveParkedCall) => void;
}) {
  const [dropping, setDropping] = useState(false);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <section
        aria-labelledby="parking-heading"
        {...callDropTarget(onDropCall, setDropping)}
        className={`card space-y-2 p-4 ${dropping ? "ring-2 ring-indigo-500" : ""}`}
      >
        <h2 id="parking-heading" className="flex items-center gap-2 font-semibold">
          <SquareParking className="size-4" aria-hidden /> Parking lot
        </h2>
        {parked.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No parked calls. Drop a call here to park it.
          </p>
        ) : (
          <ul aria-label="Parked calls" className="space-y-1 text-sm">
            {parked.map((p) => (
              <li key={`${p.lot}:${p.slot}`} className="flex items-center gap-2">
                <span className="font-mono">{p.slot}</span>
                <span className="min-w-0 flex-1 truncate">{callerLabel(p.callerIdNum, p.callerIdName)}</span>
                <span className="font-mono text-xs tabular-nums">{formatDuration(now - p.parkedAt)}</span>
                <Can permission="panel.control">
                  <button
                    type="button"
                    className="btn-secondary px-2 py-0.5 text-xs"
                    onClick={() => onUnpark(p)}
                  >
                    Take call<span className="sr-only"> parked at {p.slot}</span>
                  </button>
                </Can>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="rooms-heading" className="card space-y-2 p-4">
        <h2 id="rooms-heading" className="flex items-center gap-2 font-semibold">
          <UsersRound className="size-4" aria-hidden /> Conference rooms
        </h2>
        {rooms.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No conference is running.</p>
        ) : (
          <ul aria-label="Conference rooms" className="space-y-2 text-sm">
            {rooms.map((r) => (
              <li key={r.name}>
                <p className="flex items-center gap-2">
                  <span className="font-medium">Room {r.name}</span>
                  <span className="text-xs text-slate-500">
                    {r.participants.length} in the room{r.locked ? " · locked" : ""}
                  </span>
                  <span className="ml-auto font-mono text-xs tabular-nums">
                    {formatDuration(now - r.startedAt)}
                  </span>
                </p>
                {r.members.length > 0 && (
                  <p className="truncate text-xs text-slate-600 dark:text-slate-300">
                    {r.members.map((m) => callerLabel(m.callerIdNum, m.callerIdName)).join(", ")}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
