"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import type { FieldErrors } from "@/lib/errors";
import { addClip, deleteClip, moveClip } from "./actions";

type Clip = { id: string; label: string; soundId: string; soundName: string; durationMs: number };

export function SoundboardEditor({
  clips,
  library,
}: {
  clips: Clip[];
  library: { id: string; name: string }[];
}) {
  const router = useRouter();
  const id = useId();
  const [soundId, setSoundId] = useState(library[0]?.id ?? "");
  const [label, setLabel] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [deleting, setDeleting] = useState<Clip | null>(null);

  const run = (
    work: () => Promise<{ ok: boolean; error?: { message: string; fieldErrors?: FieldErrors } }>,
  ) =>
    start(async () => {
      const result = await work();
      if (result.ok) {
        setErrors({});
        setMessage(null);
        router.refresh();
      } else {
        setErrors(result.error?.fieldErrors ?? {});
        setMessage(result.error?.message ?? "That did not work.");
      }
    });

  return (
    <div className="grid gap-6">
      <form
        className="card grid gap-4 p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          run(async () => {
            const r = await addClip({ soundId, label });
            if (r.ok) setLabel("");
            return r;
          });
        }}
      >
        <div>
          <label htmlFor={`${id}-sound`} className="label">
            Sound
          </label>
          <select
            id={`${id}-sound`}
            className="input"
            value={soundId}
            onChange={(e) => setSoundId(e.target.value)}
            aria-invalid={Boolean(errors.soundId)}
          >
            {library.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errors.soundId && (
            <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
              {errors.soundId.join(" ")}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-label`} className="label">
            Label on the button
          </label>
          <input
            id={`${id}-label`}
            className="input"
            value={label}
            maxLength={40}
            placeholder="Thank you for holding"
            onChange={(e) => setLabel(e.target.value)}
            aria-invalid={Boolean(errors.label)}
          />
          {errors.label && (
            <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
              {errors.label.join(" ")}
            </p>
          )}
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          <Plus className="size-4" aria-hidden /> Add clip
        </button>
      </form>
      {message && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {message}
        </p>
      )}
      {clips.length === 0 ? (
        <EmptyState title="No clips yet">
          Add a sound above; agents see clips in this order on their phone.
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Sound</th>
                <th scope="col">Length</th>
                <th scope="col">Preview</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {clips.map((clip, i) => (
                <tr key={clip.id}>
                  <td className="font-medium">{clip.label}</td>
                  <td>{clip.soundName}</td>
                  <td className="tabular-nums">{(clip.durationMs / 1000).toFixed(1)} s</td>
                  <td>
                    {/* biome-ignore lint/a11y/useMediaCaption: a short clip preview; the label says what it is. */}
                    <audio controls preload="none" src={`/api/sounds/${clip.soundId}`} className="h-8" />
                  </td>
                  <td className="whitespace-nowrap text-right">
                    <button
                      type="button"
                      className="btn-secondary ml-1 px-2"
                      disabled={pending || i === 0}
                      aria-label={`Move ${clip.label} up`}
                      onClick={() => run(() => moveClip({ id: clip.id, direction: "up" }))}
                    >
                      <ArrowUp className="size-4" aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="btn-secondary ml-1 px-2"
                      disabled={pending || i === clips.length - 1}
                      aria-label={`Move ${clip.label} down`}
                      onClick={() => run(() => moveClip({ id: clip.id, direction: "down" }))}
                    >
                      <ArrowDown className="size-4" aria-hidden />
                    </button>
                    <button
                      type="button"
                      className="btn-danger ml-1 px-2"
                      disabled={pending}
                      aria-label={`Delete ${clip.label}`}
                      onClick={() => setDeleting(clip)}
                    >
                      <Trash2 className="size-4" aria-hidden />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete clip"
        message={`Remove “${deleting?.label ?? ""}” from the soundboard? The sound stays in the library.`}
        confirmLabel="Delete"
        destructive
        busy={pending}
        onConfirm={() => {
          const clip = deleting;
          setDeleting(null);
          if (clip) run(() => deleteClip({ id: clip.id }));
        }}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
