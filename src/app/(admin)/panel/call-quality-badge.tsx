import type { LiveCallQuality } from "@/lib/asterisk/live/types";
import { isStale, type QualityLevel, qualityLevel } from "@/lib/softphone/call-quality";

/** Words for each level: the colour is a cue, never the only one. */
const LABELS: Record<QualityLevel | "stale", string> = {
  good: "Good",
  fair: "Fair",
  poor: "Poor",
  unknown: "Measuring",
  stale: "Stale",
};

const DOTS: Record<QualityLevel | "stale", string> = {
  good: "bg-teal-500",
  fair: "bg-amber-500",
  poor: "bg-rose-600",
  unknown: "bg-slate-400",
  stale: "bg-slate-300 dark:bg-slate-600",
};

/**
 * An agent's call quality from their browser phone: a coloured dot with the level in words, and
 * round trip, jitter and loss. Stale (greyed, "Stale") when no sample came for QUALITY_STALE_MS;
 * the thresholds are QUALITY_THRESHOLDS in lib/softphone/call-quality.ts.
 */
export function CallQualityBadge({
  quality,
  now,
  compact = false,
}: {
  quality: LiveCallQuality;
  now: number;
  compact?: boolean;
}) {
  const stale = isStale(quality.receivedAt, now);
  const level = stale ? "stale" : qualityLevel(quality);
  const figures = qualityFigures(quality);
  return (
    <span
      data-quality={level}
      title={`Call quality ${LABELS[level].toLowerCase()}: ${figures}`}
      className={`inline-flex min-w-0 items-center gap-1.5 text-xs ${stale ? "text-slate-400 dark:text-slate-500" : "text-slate-600 dark:text-slate-300"}`}
    >
      <span className={`size-2 shrink-0 rounded-full ${DOTS[level]}`} aria-hidden />
      <span className="shrink-0">
        {compact ? "" : "Quality: "}
        {LABELS[level]}
      </span>
      <span className="truncate font-mono tabular-nums">{figures}</span>
    </span>
  );
}

/** "RTT 48 ms · jitter 5 ms · loss 0.5%", with "–" for a figure not measured yet. */
export function qualityFigures(q: Pick<LiveCallQuality, "rttMs" | "jitterMs" | "packetLossPct">): string {
  const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v)} ms`);
  const pct = q.packetLossPct === null ? "–" : `${Number(q.packetLossPct.toFixed(1))}%`;
  return `RTT ${ms(q.rttMs)} · jitter ${ms(q.jitterMs)} · loss ${pct}`;
}
