"use client";

import { Music } from "lucide-react";
import { useEffect, useState, useTransition } from "react";
import { listClips, playClip } from "@/app/(admin)/soundboard/actions";
import { usePermission } from "@/components/permissions-provider";

type Clip = { id: string; label: string; durationMs: number };

/**
 * The phone's soundboard during a call: one button per clip, played into the agent's current
 * call through the server (ARI), so both parties hear it. Hidden without `soundboard.play`.
 */
export function SoundboardMenu() {
  const allowed = usePermission("soundboard.play");
  const [clips, setClips] = useState<Clip[] | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    listClips({}).then((r) => {
      if (!live) return;
      if (r.ok) setClips(r.data);
      else setStatus({ text: r.error.message, error: true });
    });
    return () => {
      live = false;
    };
  }, [allowed]);

  if (!allowed) return null;
  return (
    <section aria-label="Soundboard" className="grid gap-2">
      <h3 className="flex items-center gap-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        <Music className="size-3.5" aria-hidden /> Soundboard
      </h3>
      {clips === null ? (
        <p className="text-xs text-slate-500">Loading clips…</p>
      ) : clips.length === 0 ? (
        <p className="text-xs text-slate-500">No clips yet: an admin adds them on the Soundboard page.</p>
      ) : (
        <div className="flex flex-wrap gap-1.5">
          {clips.map((clip) => (
            <button
              key={clip.id}
              type="button"
              className="btn-secondary px-2 py-1 text-xs"
              disabled={pending}
              title={`${(clip.durationMs / 1000).toFixed(1)} s`}
              onClick={() =>
                start(async () => {
                  const r = await playClip({ id: clip.id });
                  setStatus(
                    r.ok
                      ? { text: `Playing “${r.data.label}”.`, error: false }
                      : { text: r.error.message, error: true },
                  );
                })
              }
            >
              {clip.label}
            </button>
          ))}
        </div>
      )}
      {status && (
        <p
          role={status.error ? "alert" : "status"}
          className={
            status.error
              ? "text-xs text-rose-600 dark:text-rose-400"
              : "text-xs text-teal-700 dark:text-teal-300"
          }
        >
          {status.text}
        </p>
      )}
    </section>
  );
}
