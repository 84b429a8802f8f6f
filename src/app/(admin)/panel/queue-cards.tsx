"use client";

import { useState } from "react";
import type { LiveCallQuality } from "@/lib/asterisk/live/types";
import { BLF_LABELS, BLF_STYLES } from "./blf-style";
import { callDropTarget, type DraggedCall } from "./call-drag";
import { CallQualityBadge } from "./call-quality-badge";
import { callerLabel, formatDuration, type QueueCard as QueueCardModel } from "./panel-model";

/** A card per queue in scope: waiting callers with live waits, today's figures, and its agents. */
export function QueueCards({
  cards,
  quality,
  now,
  onOpenExtension,
  onDropCall,
}: {
  cards: QueueCardModel[];
  /** Browser phones' call quality by extension (LiveState.quality). */
  quality: Record<string, LiveCallQuality>;
  now: number;
  onOpenExtension: (number: string) => void;
  onDropCall: (call: DraggedCall, queueNumber: string) => void;
}) {
  return (
    <section aria-labelledby="queues-heading" className="space-y-3">
      <h2 id="queues-heading" className="text-lg font-semibold">
        Queues
      </h2>
      {cards.length === 0 ? (
        <p className="card px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">
          No queues in your scope.
        </p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {cards.map((card) => (
            <QueueCard
              key={card.name}
              card={card}
              quality={quality}
              now={now}
              onOpenExtension={onOpenExtension}
              onDropCall={(call) => onDropCall(call, card.number)}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function QueueCard({
  card,
  quality,
  now,
  onOpenExtension,
  onDropCall,
}: {
  card: QueueCardModel;
  quality: Record<string, LiveCallQuality>;
  now: number;
  onOpenExtension: (number: string) => void;
  onDropCall: (call: DraggedCall) => void;
}) {
  const [dropping, setDropping] = useState(false);
  const headingId = `queue-${card.name}`;
  return (
    <article
      aria-labelledby={headingId}
      {...callDropTarget(onDropCall, setDropping)}
      className={`card space-y-3 p-4 ${dropping ? "ring-2 ring-indigo-500" : ""}`}
    >
      <header className="flex items-baseline justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          {card.label}
        </h3>
        <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{card.number}</span>
      </header>
      <dl className="grid grid-cols-3 gap-2 text-center text-xs">
        <Stat label="Waiting" value={String(card.waiting.length)} />
        <Stat
          label="Longest wait"
          value={card.longestSince === null ? "—" : formatDuration(now - card.longestSince)}
        />
        <Stat
          label={`SLA today (${card.serviceLevel} s)`}
          value={card.slaPercent === null ? "—" : `${card.slaPercent}%`}
        />
        <Stat label="Answered" value={String(card.answered)} />
        <Stat label="Abandoned" value={String(card.abandoned)} />
        <Stat label="Agents" value={String(card.members.length)} />
      </dl>
      <div>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Waiting callers
        </h4>
        {card.waiting.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nobody is waiting.</p>
        ) : (
          <ol aria-label={`Callers waiting in ${card.label}`} className="space-y-1 text-sm">
            {card.waiting.map((w) => (
              <li key={w.uniqueid} className="flex items-center gap-2">
                <span className="w-5 text-right font-mono text-xs text-slate-500">{w.position}</span>
                <span className="min-w-0 flex-1 truncate">{callerLabel(w.callerIdNum, w.callerIdName)}</span>
                <span className="font-mono text-xs tabular-nums">{formatDuration(now - w.joinedAt)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div>
        <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
          Agents
        </h4>
        {card.members.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No agents you can see are logged in.</p>
        ) : (
          <ul aria-label={`Agents of ${card.label}`} className="space-y-1 text-sm">
            {card.members.map((m) => {
              const ext = /^PJSIP\/(.+)$/.exec(m.interface)?.[1];
              const q = ext ? quality[ext] : undefined;
              return (
                <li key={m.interface} data-member={ext}>
                  <button
                    type="button"
                    disabled={!ext}
                    onClick={() => ext && onOpenExtension(ext)}
                    className="flex w-full items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800"
                  >
                    <span className={`size-2 shrink-0 rounded-full ${BLF_STYLES[m.state].dot}`} aria-hidden />
                    <span className="min-w-0 flex-1 truncate">
                      {m.name} {ext && <span className="font-mono text-xs text-slate-500">({ext})</span>}
                    </span>
                    <span className="text-xs">
                      {m.paused
                        ? `Paused: ${m.pausedReason || "no reason"}${m.pausedSince ? ` ${formatDuration(now - m.pausedSince)}` : ""}`
                        : BLF_LABELS[m.state]}
                    </span>
                  </button>
                  {q && (
                    <span className="block pl-5">
                      <CallQualityBadge quality={q} now={now} compact />
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </article>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-2 py-1.5 dark:bg-slate-800/60">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="font-mono text-base font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
