"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import type { Greeting, VoicemailMessage } from "@/lib/voicemail/spool";
import { deleteVoicemail, forwardVoicemail, markMessage, uploadGreeting } from "./actions";

const GREETING_LABELS = { unavail: "Unavailable", busy: "Busy", greet: "Your name" } as const;

/** One box: new and heard messages with a player, and the actions on each. */
export function VoicemailBox({
  box,
  messages,
  greetings,
}: {
  box: string;
  messages: VoicemailMessage[];
  /** The greetings the box has on file. */
  greetings: Greeting[];
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<{
    folder: VoicemailMessage["folder"];
    index: number;
    label: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (
    fn: () => Promise<{ ok: boolean; error?: { message: string; fieldErrors?: Record<string, string[]> } }>,
    done: string,
  ): Promise<boolean> => {
    setError(null);
    setNotice(null);
    const r = await fn();
    if (!r.ok) {
      const fe = r.error?.fieldErrors;
      setError(fe ? Object.values(fe).flat().join(" ") : (r.error?.message ?? "That failed."));
      return false;
    }
    setNotice(done);
    router.refresh();
    return true;
  };
  return (
    <div className="space-y-6">
      <FormError message={error} />
      {notice && (
        <p role="status" className="text-sm text-teal-700 dark:text-teal-300">
          {notice}
        </p>
      )}
      {messages.length === 0 ? (
        <p className="card p-6 text-slate-600 dark:text-slate-300">No messages.</p>
      ) : (
        <ul className="card divide-y divide-slate-100 dark:divide-slate-800" aria-label="Messages">
          {messages.map((m) => {
            const ref = { box, folder: m.folder, index: m.index };
            const label = `${m.folder === "INBOX" ? "New" : "Heard"} message from ${m.callerId || "unknown"}`;
            return (
              <li key={`${m.folder}-${m.index}`} className="space-y-2 p-4" aria-label={label}>
                <div className="flex flex-wrap items-center gap-3">
                  <span
                    className={`rounded px-2 py-0.5 text-xs font-medium ${m.folder === "INBOX" ? "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"}`}
                  >
                    {m.folder === "INBOX" ? "New" : "Heard"}
                  </span>
                  <span className="font-medium">{m.callerId || "Unknown caller"}</span>
                  <span className="text-sm text-slate-500">
                    {m.time ? new Date(m.time * 1000).toLocaleString() : ""} · {m.duration} s
                  </span>
                </div>
                {/* biome-ignore lint/a11y/useMediaCaption: voicemail has no captions */}
                <audio
                  controls
                  preload="none"
                  src={`/api/voicemail/${box}/${m.folder}/${m.index}`}
                  aria-label={`Play ${label}`}
                />
                <div className="flex flex-wrap gap-2">
                  <button
                    type="button"
                    className="btn-secondary"
                    onClick={() =>
                      run(
                        () => markMessage({ ...ref, heard: m.folder === "INBOX" }),
                        m.folder === "INBOX" ? "Marked as heard." : "Marked as new.",
                      )
                    }
                  >
                    {m.folder === "INBOX" ? "Mark heard" : "Mark new"}
                  </button>
                  <ForwardButton
                    onForward={(toBox) =>
                      run(() => forwardVoicemail({ ...ref, toBox }), `Forwarded to ${toBox}.`)
                    }
                  />
                  <button
                    type="button"
                    className="btn-secondary text-rose-700"
                    onClick={() => setDeleting({ folder: m.folder, index: m.index, label })}
                  >
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this message?"
        message={`${deleting?.label ?? "The message"} is deleted for good. This cannot be undone.`}
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          setBusy(true);
          await run(
            () => deleteVoicemail({ box, folder: deleting.folder, index: deleting.index }),
            "Deleted.",
          );
          setBusy(false);
          setDeleting(null);
        }}
      />
      <form
        className="card flex flex-wrap items-end gap-3 p-6"
        aria-label="Upload a greeting"
        onSubmit={async (e) => {
          e.preventDefault();
          const el = e.currentTarget;
          const form = new FormData(el);
          form.set("box", box);
          if (await run(() => uploadGreeting(form), "Greeting saved.")) el.reset();
        }}
      >
        <p className="w-full text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
          {greetings.length === 0
            ? "No greetings uploaded yet: callers hear the standard one."
            : `Greetings on file: ${greetings.map((g) => GREETING_LABELS[g]).join(", ")}.`}
        </p>
        <label className="text-sm">
          <span className="label">Greeting</span>
          <select name="kind" className="input w-auto" defaultValue="unavail">
            {Object.entries(GREETING_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="label">Audio file (MP3 or WAV)</span>
          <input type="file" name="file" accept="audio/*" className="text-sm" />
        </label>
        <button type="submit" className="btn-primary">
          Upload greeting
        </button>
      </form>
    </div>
  );
}

function ForwardButton({ onForward }: { onForward: (toBox: string) => void }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState("");
  if (!open)
    return (
      <button type="button" className="btn-secondary" onClick={() => setOpen(true)}>
        Forward
      </button>
    );
  return (
    <span className="inline-flex items-center gap-2">
      <input
        aria-label="Forward to box"
        className="input w-28 font-mono"
        inputMode="numeric"
        value={to}
        onChange={(e) => setTo(e.target.value)}
      />
      <button type="button" className="btn-secondary" onClick={() => onForward(to.trim())}>
        Send
      </button>
    </span>
  );
}
