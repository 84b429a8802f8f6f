"use client";

import { BellRing, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { completeCallback } from "@/app/(admin)/callbacks/actions";
import { requestDial } from "@/lib/agent/dial";
import { dueReminders, type InboxCallback, nextReminderIn } from "@/lib/agent/inbox";

const NOTIFIED_KEY = "switchboard-callbacks-notified";
/** Sleep at most this long between checks (a laptop waking from sleep catches up within it). */
const MAX_SLEEP_MS = 30_000;

/**
 * Raises a reminder when a callback falls due, on whatever page the agent is: an in-app toast in
 * every open tab, and one desktop notification per browser (the ids already notified are shared
 * through localStorage, and the notification's tag makes a racing second tab replace, not add).
 */
export function CallbackReminders({
  callbacks,
  skewMs,
  onChanged,
}: {
  callbacks: InboxCallback[];
  skewMs: number;
  onChanged: () => void;
}) {
  const [toasts, setToasts] = useState<InboxCallback[]>([]);
  const shown = useRef(new Set<string>());
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (typeof Notification !== "undefined") setPermission(Notification.permission);
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const now = Date.now();
      const due = dueReminders(callbacks, shown.current, now, skewMs);
      if (due.length) {
        for (const c of due) shown.current.add(c.id);
        setToasts((t) => [...t, ...due.filter((c) => !t.some((x) => x.id === c.id))]);
        notifyOnce(due);
      }
      const wait = nextReminderIn(callbacks, shown.current, now, skewMs);
      timer = setTimeout(check, Math.min(MAX_SLEEP_MS, Math.max(250, wait ?? MAX_SLEEP_MS)));
    };
    check();
    return () => clearTimeout(timer);
  }, [callbacks, skewMs]);

  // A callback completed or cancelled elsewhere leaves the inbox: its toast goes too.
  useEffect(() => {
    setToasts((t) => t.filter((c) => callbacks.some((x) => x.id === c.id)));
  }, [callbacks]);

  const dismiss = (id: string) => setToasts((t) => t.filter((c) => c.id !== id));
  return (
    <>
      {permission === "default" && callbacks.length > 0 && (
        <button
          type="button"
          className="btn-secondary w-full text-xs"
          onClick={async () => setPermission(await Notification.requestPermission())}
        >
          <BellRing className="size-3.5" aria-hidden /> Enable desktop reminders
        </button>
      )}
      {toasts.length > 0 && (
        <div aria-live="assertive" className="fixed top-4 right-4 z-50 w-80 space-y-2">
          {toasts.map((c) => (
            <div
              key={c.id}
              role="alert"
              aria-label="Callback due"
              className="card space-y-2 border-amber-300 p-3 text-sm shadow-lg dark:border-amber-700"
            >
              <div className="flex items-start justify-between gap-2">
                <p>
                  <strong>Callback due:</strong> <span className="font-mono">{c.number}</span>
                  {c.note && <span className="block text-slate-600 dark:text-slate-300">{c.note}</span>}
                </p>
                <button type="button" aria-label="Dismiss reminder" onClick={() => dismiss(c.id)}>
                  <X className="size-4" aria-hidden />
                </button>
              </div>
              <div className="flex gap-2">
                <button
                  type="button"
                  className="btn-primary px-2 py-1 text-xs"
                  onClick={() => {
                    requestDial(c.number);
                    dismiss(c.id);
                  }}
                >
                  Call now
                </button>
                <button
                  type="button"
                  className="btn-secondary px-2 py-1 text-xs"
                  onClick={async () => {
                    const result = await completeCallback({ id: c.id });
                    if (!result.ok) return setError(result.error.message);
                    setError(null);
                    dismiss(c.id);
                    onChanged();
                  }}
                >
                  Mark done
                </button>
              </div>
            </div>
          ))}
          {error && (
            <p role="alert" className="card p-2 text-sm text-rose-600 dark:text-rose-400">
              {error}
            </p>
          )}
        </div>
      )}
    </>
  );
}

function notifyOnce(due: InboxCallback[]) {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  let notified: string[] = [];
  try {
    notified = JSON.parse(localStorage.getItem(NOTIFIED_KEY) ?? "[]") as string[];
  } catch {}
  const fresh = due.filter((c) => !notified.includes(c.id));
  if (!fresh.length) return;
  localStorage.setItem(NOTIFIED_KEY, JSON.stringify([...notified, ...fresh.map((c) => c.id)].slice(-200)));
  for (const c of fresh) {
    const n = new Notification("Callback due", {
      body: c.note ? `${c.number}: ${c.note}` : c.number,
      tag: `callback-${c.id}`,
    });
    n.onclick = () => {
      window.focus();
      requestDial(c.number);
      n.close();
    };
  }
}
