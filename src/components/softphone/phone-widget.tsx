"use client";

import { ChevronDown, Phone as PhoneIcon } from "lucide-react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CallState } from "@/lib/softphone/call-state";
import { parseDialString } from "@/lib/softphone/dial-string";
import type { PhoneAccount, Softphone } from "@/lib/softphone/phone";
import { addRecent, parseRecent, type RecentCall, recentKey } from "@/lib/softphone/recent-calls";
import { REGISTRATION_LABELS, RegistrationState } from "@/lib/softphone/registration-state";
import { Ringtone } from "@/lib/softphone/ringtone";
import { CallCard } from "./call-card";
import { Dialer } from "./dialer";

/** Fired by other features (callbacks, click-to-call) to dial from this phone. */
export const DIAL_EVENT = "switchboard:dial";

const DOT: Record<RegistrationState, string> = {
  [RegistrationState.Unregistered]: "bg-slate-400",
  [RegistrationState.Registering]: "bg-amber-400 animate-pulse",
  [RegistrationState.Registered]: "bg-emerald-500",
  [RegistrationState.Reconnecting]: "bg-amber-500 animate-pulse",
  [RegistrationState.Error]: "bg-rose-500",
};

/** The docked phone: a status pill that opens into the dialer, the calls and the recent list. */
export function PhoneWidget({ phone, account }: { phone: Softphone; account: PhoneAccount }) {
  const snap = useSyncExternalStore(phone.subscribe, phone.getSnapshot, phone.getSnapshot);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recent, setRecent] = useState<RecentCall[]>([]);
  const [notifyPermission, setNotifyPermission] = useState<NotificationPermission | "unsupported">(
    "unsupported",
  );
  const ringtone = useRef<Ringtone | null>(null);
  const notifications = useRef(new Map<string, Notification>());

  const ringing = snap.calls.filter((c) => c.state === CallState.Ringing);
  const current = snap.calls.filter((c) => c.state !== CallState.Ended);

  // Recent calls: this browser's localStorage, per extension.
  useEffect(() => {
    setRecent(parseRecent(localStorage.getItem(recentKey(account.extension))));
    setNotifyPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
  }, [account.extension]);

  // The phone reports ended calls and incoming ones through its delegate.
  useEffect(() => {
    const n = notifications.current;
    phone.setDelegate({
      onIncoming: (call) => {
        setOpen(true);
        if (typeof Notification !== "undefined" && Notification.permission === "granted") {
          const note = new Notification("Incoming call", {
            body: call.name ? `${call.name} (${call.number})` : call.number,
            tag: call.id,
            requireInteraction: true,
          });
          note.onclick = () => {
            window.focus();
            setOpen(true);
            note.close();
          };
          n.set(call.id, note);
        }
      },
      onCallEnded: (call) => {
        n.get(call.id)?.close();
        n.delete(call.id);
        if (!parseDialString(call.number).ok) return;
        const entry: RecentCall = {
          number: call.number,
          ...(call.name ? { name: call.name } : {}),
          direction: call.direction,
          at: call.startedAt,
          seconds: call.answeredAt ? Math.round((Date.now() - call.answeredAt) / 1000) : 0,
          answered: call.answeredAt !== null,
        };
        setRecent((list) => {
          const next = addRecent(list, entry);
          localStorage.setItem(recentKey(account.extension), JSON.stringify(next));
          return next;
        });
      },
    });
    return () => phone.setDelegate(undefined);
  }, [phone, account.extension]);

  // Ring while any call is ringing; close its notification once it's answered.
  const isRinging = ringing.length > 0;
  useEffect(() => {
    ringtone.current ??= new Ringtone();
    if (isRinging) ringtone.current.start();
    else ringtone.current.stop();
  }, [isRinging]);
  useEffect(() => () => ringtone.current?.stop(), []);
  useEffect(() => {
    for (const c of snap.calls) {
      if (c.state !== CallState.Ringing) notifications.current.get(c.id)?.close();
    }
  }, [snap.calls]);

  const run = useCallback(async (work: () => unknown) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  const dial = useCallback(
    (number: string) =>
      run(() => {
        const check = parseDialString(number);
        if (!check.ok) throw new Error(check.error);
        phone.dial(check.number);
      }),
    [phone, run],
  );

  // Other features dial through a window event: `{ detail: { number } }`.
  useEffect(() => {
    const onDial = (e: Event) => {
      const number = (e as CustomEvent<{ number?: unknown }>).detail?.number;
      setOpen(true);
      const check = parseDialString(number);
      if (!check.ok) {
        setError(check.error);
        return;
      }
      void dial(check.number);
    };
    window.addEventListener(DIAL_EVENT, onDial);
    return () => window.removeEventListener(DIAL_EVENT, onDial);
  }, [dial]);

  // Keyboard: Alt+Shift+A answers, Alt+Shift+D declines the ringing call; Alt+Shift+H hangs up.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || !e.shiftKey) return;
      const key = e.code;
      const first = ringing[0];
      if (key === "KeyA" && first) {
        e.preventDefault();
        void run(() => phone.answer(first.id));
      } else if (key === "KeyD" && first) {
        e.preventDefault();
        void run(() => phone.decline(first.id));
      } else if (key === "KeyH") {
        const live = current.find((c) => c.state === CallState.InCall) ?? current[0];
        if (!live) return;
        e.preventDefault();
        void run(() => phone.hangup(live.id));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [phone, ringing, current, run]);

  const askNotifications = () => {
    if (typeof Notification === "undefined") return;
    void Notification.requestPermission().then(setNotifyPermission);
  };

  const label = REGISTRATION_LABELS[snap.registration];
  const inCall = current.find((c) => c.state === CallState.InCall);
  return (
    <section aria-label="Phone" className="pointer-events-auto flex min-h-0 flex-col text-sm print:hidden">
      {open && (
        <div
          id="softphone-panel"
          className="card mb-2 max-h-[75vh] min-h-0 space-y-3 overflow-y-auto p-3 shadow-lg"
        >
          <div className="flex items-start justify-between gap-2">
            <div>
              <p className="font-semibold">
                {account.displayName} <span className="text-slate-500">({account.extension})</span>
              </p>
              <p role="status" aria-label="Phone status" className="text-slate-600 dark:text-slate-400">
                {label}
              </p>
              {snap.reason && (
                <p className="text-xs text-amber-700 dark:text-amber-400" aria-live="polite">
                  {snap.reason}
                </p>
              )}
            </div>
            {snap.registration === RegistrationState.Error && (
              <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => phone.retry()}>
                Reconnect
              </button>
            )}
          </div>
          {notifyPermission === "default" && (
            <button type="button" className="btn-secondary w-full text-xs" onClick={askNotifications}>
              Enable desktop notifications for incoming calls
            </button>
          )}
          {error && (
            <p
              role="alert"
              className="rounded-md bg-rose-50 px-2 py-1 text-rose-700 dark:bg-rose-950 dark:text-rose-300"
            >
              {error}
            </p>
          )}
          {current.map((call) => (
            <CallCard key={call.id} call={call} calls={current} phone={phone} run={run} />
          ))}
          <Dialer onDial={dial} disabled={snap.registration !== RegistrationState.Registered} />
          <RecentList recent={recent} onDial={dial} />
        </div>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls="softphone-panel"
        onClick={() => setOpen((o) => !o)}
        className="card ml-auto flex w-full shrink-0 items-center gap-2 px-3 py-2 text-left shadow-lg"
      >
        <span className={`size-2.5 shrink-0 rounded-full ${DOT[snap.registration]}`} aria-hidden />
        <PhoneIcon className="size-4 shrink-0" aria-hidden />
        <span className="flex-1 truncate">
          {ringing[0]
            ? `Incoming: ${ringing[0].name ?? ringing[0].number}`
            : inCall
              ? `In call · ${inCall.name ?? inCall.number}`
              : `Phone ${account.extension} · ${label}`}
        </span>
        <span className="sr-only">{open ? "Close phone" : "Open phone"}</span>
        <ChevronDown className={`size-4 transition-transform ${open ? "" : "rotate-180"}`} aria-hidden />
      </button>
    </section>
  );
}

function RecentList({ recent, onDial }: { recent: RecentCall[]; onDial: (n: string) => void }) {
  if (recent.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Recent calls</h3>
      <ul aria-label="Recent calls" className="divide-y divide-slate-100 dark:divide-slate-800">
        {recent.slice(0, 8).map((r) => (
          <li key={`${r.at}-${r.number}`} className="flex items-center justify-between gap-2 py-1">
            <span className="truncate">
              <span aria-hidden>{r.direction === "in" ? "↙" : "↗"}</span> {r.name ?? r.number}
              <span className="ml-1 text-xs text-slate-500">
                {r.answered ? formatSeconds(r.seconds) : r.direction === "in" ? "missed" : "no answer"}
              </span>
            </span>
            <button
              type="button"
              className="btn-secondary px-2 py-0.5 text-xs"
              aria-label={`Call ${r.number} again`}
              onClick={() => onDial(r.number)}
            >
              Call
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const mm = String(m % 60).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
