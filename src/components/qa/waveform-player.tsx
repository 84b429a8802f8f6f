"use client";

import { Pause, Play } from "lucide-react";
import { useEffect, useImperativeHandle, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";
import { formatDuration } from "@/lib/recordings/format";

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export type PlayerHandle = {
  toggle: () => void;
  seekBy: (seconds: number) => void;
  seekTo: (ms: number) => void;
  stepSpeed: (direction: 1 | -1) => void;
  currentMs: () => number;
};

type Marker = { atMs: number; label: string };

/**
 * wavesurfer.js over a plain <audio> element: the peaks come from the server (no decoding in
 * the browser) and the audio streams from the Range-capable recording URL. A click on the
 * waveform seeks there and reports the time (the review page opens a comment at it).
 */
export function WaveformPlayer({
  src,
  peaksUrl,
  markers,
  onWaveformClick,
  ref,
}: {
  src: string;
  peaksUrl: string;
  markers: Marker[];
  onWaveformClick?: (ms: number) => void;
  ref?: React.Ref<PlayerHandle>;
}) {
  const container = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const clickRef = useRef(onWaveformClick);
  clickRef.current = onWaveformClick;
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let instance: WaveSurfer | null = null;
    (async () => {
      const res = await fetch(peaksUrl);
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The recording could not be loaded (${res.status}).`);
      }
      const { peaks, durationMs } = (await res.json()) as { peaks: number[]; durationMs: number | null };
      const { default: WaveSurferCtor } = await import("wavesurfer.js");
      if (cancelled || !container.current) return;
      instance = WaveSurferCtor.create({
        container: container.current,
        url: src,
        peaks: [peaks],
        duration: durationMs ? durationMs / 1000 : undefined,
        height: 96,
        waveColor: "#94a3b8",
        progressColor: "#4f46e5",
        cursorColor: "#e11d48",
        barWidth: 2,
        barGap: 1,
        normalize: true,
      });
      ws.current = instance;
      instance.on("ready", (d) => {
        setDuration(d * 1000);
        setState("ready");
      });
      instance.on("timeupdate", (t) => setTime(t * 1000));
      instance.on("play", () => setPlaying(true));
      instance.on("pause", () => setPlaying(false));
      instance.on("finish", () => setPlaying(false));
      instance.on("interaction", (t) => clickRef.current?.(Math.round(t * 1000)));
      instance.on("error", (e) => {
        setError(e instanceof Error ? e.message : "The audio could not be played.");
        setState("error");
      });
      if (durationMs) {
        setDuration(durationMs);
        setState("ready");
      }
    })().catch((e: Error) => {
      if (cancelled) return;
      setError(e.message);
      setState("error");
    });
    return () => {
      cancelled = true;
      instance?.destroy();
      ws.current = null;
    };
  }, [src, peaksUrl]);

  const applySpeed = (next: number) => {
    setSpeed(next);
    ws.current?.setPlaybackRate(next, true);
  };

  useImperativeHandle(ref, () => ({
    toggle: () => void ws.current?.playPause(),
    seekBy: (s) => {
      const w = ws.current;
      if (w) w.setTime(Math.max(0, Math.min(w.getDuration(), w.getCurrentTime() + s)));
    },
    seekTo: (ms) => ws.current?.setTime(ms / 1000),
    stepSpeed: (direction) => {
      const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
      const next = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + direction))]!;
      applySpeed(next);
    },
    currentMs: () => Math.round((ws.current?.getCurrentTime() ?? 0) * 1000),
  }));

  return (
    <div className="card space-y-3 p-4">
      <div className="relative">
        <div
          ref={container}
          role="slider"
          aria-label="Waveform: click to seek and comment"
          aria-valuemin={0}
          aria-valuemax={Math.round(duration / 1000)}
          aria-valuenow={Math.round(time / 1000)}
          aria-valuetext={formatDuration(time)}
          tabIndex={-1}
          data-testid="waveform"
          className="min-h-24 cursor-pointer"
        />
        {duration > 0 &&
          markers.map((m) => (
            <button
              key={`${m.atMs}-${m.label}`}
              type="button"
              title={`${formatDuration(m.atMs)} ${m.label}`}
              aria-label={`Comment at ${formatDuration(m.atMs)}: ${m.label}`}
              onClick={() => ws.current?.setTime(m.atMs / 1000)}
              className="absolute -top-1 size-3 -translate-x-1/2 rounded-full bg-amber-500 ring-2 ring-white dark:ring-slate-900"
              style={{ left: `${Math.min(100, (m.atMs / duration) * 100)}%` }}
            />
          ))}
      </div>
      {state === "loading" && <p className="text-sm text-slate-500">Loading the recording…</p>}
      {error && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn-primary"
          disabled={state !== "ready"}
          onClick={() => void ws.current?.playPause()}
          aria-keyshortcuts="Space"
        >
          {playing ? <Pause className="size-4" aria-hidden /> : <Play className="size-4" aria-hidden />}
          {playing ? "Pause" : "Play"}
        </button>
        <span className="font-mono text-sm tabular-nums" aria-live="off" data-testid="player-time">
          {formatDuration(time)} / {formatDuration(duration)}
        </span>
        <label className="ml-auto flex items-center gap-2 text-sm">
          Speed
          <select
            className="input w-24"
            value={speed}
            onChange={(e) => applySpeed(Number(e.target.value))}
            aria-keyshortcuts="[ ]"
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Keys: Space play/pause · ← → 5 s · [ ] speed · C comment at the current time · click the waveform to
        comment there.
      </p>
    </div>
  );
}
