"use client";

import { useState } from "react";
import { BLF_LABELS, BLF_STYLES } from "./blf-style";
import { callDropTarget, type DraggedCall } from "./call-drag";
import { CallQualityBadge } from "./call-quality-badge";
import { callerLabel, type ExtensionTile, formatDuration } from "./panel-model";

/**
 * One extension: name, number, state (colour and words), who it's talking to, and for how long.
 * Caller IDs come from strangers: they are only ever rendered as React text.
 */
export function BlfTile({
  tile,
  now,
  focusable,
  onOpen,
  onFocus,
  onDropCall,
  tileRef,
}: {
  tile: ExtensionTile;
  now: number;
  focusable: boolean;
  onOpen: () => void;
  onFocus: () => void;
  onDropCall: (call: DraggedCall) => void;
  tileRef: (el: HTMLButtonElement | null) => void;
}) {
  const [dropping, setDropping] = useState(false);
  const style = BLF_STYLES[tile.state];
  const started = tile.call ? (tile.call.answeredAt ?? tile.call.createdAt) : tile.since;
  return (
    <li>
      <button
        ref={tileRef}
        type="button"
        tabIndex={focusable ? 0 : -1}
        data-extension={tile.number}
        data-state={tile.state}
        onClick={onOpen}
        onFocus={onFocus}
        {...callDropTarget(onDropCall, setDropping)}
        className={`flex h-full w-full flex-col gap-1 rounded-lg border border-l-4 border-slate-200 bg-white p-2.5 text-left text-sm shadow-sm hover:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:hover:bg-slate-800 ${style.border} ${dropping ? "ring-2 ring-indigo-500" : ""}`}
      >
        <span className="flex items-center justify-between gap-2">
          <span className="truncate font-medium">{tile.name}</span>
          <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{tile.number}</span>
        </span>
        <span className="flex items-center gap-1.5 text-xs">
          <span className={`size-2 shrink-0 rounded-full ${style.dot}`} aria-hidden />
          <span>{BLF_LABELS[tile.state]}</span>
          {tile.paused && (
            <span className="text-amber-700 dark:text-amber-400">
              · Paused: {tile.paused.reason || "no reason"}
            </span>
          )}
          {started !== null && (
            <span className="ml-auto font-mono tabular-nums text-slate-500 dark:text-slate-400">
              {formatDuration(now - started)}
            </span>
          )}
        </span>
        {tile.call && (
          <span className="truncate text-xs text-slate-600 dark:text-slate-300">
            {tile.call.onHold ? "On hold with " : tile.ringing ? "Ringing from " : "With "}
            {tile.peer ? callerLabel(tile.peer.num, tile.peer.name) : "an unknown party"}
          </span>
        )}
        {tile.quality && <CallQualityBadge quality={tile.quality} now={now} />}
      </button>
    </li>
  );
}
