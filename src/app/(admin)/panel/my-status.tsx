"use client";

import { Phone } from "lucide-react";
import { useId, useState } from "react";
import { Can, usePermission } from "@/components/permissions-provider";
import { queueLoginOf } from "@/lib/agent/agent-state";
import { ALLOW, ALLOW_MESSAGES } from "@/lib/asterisk/allowlists";
import type { LiveState } from "@/lib/asterisk/live/types";
import type { QueueRef } from "@/lib/db/queries/panel";
import type { PanelRequest } from "./panel-requests";
import { PauseControl } from "./pause-control";

/** The user's own controls: log in and out of their queues, pause with a break code, call a number. */
export function MyStatus({
  me,
  myQueues,
  state,
  breakCodes,
  onRequest,
}: {
  me: string | null;
  myQueues: QueueRef[];
  state: LiveState | null;
  breakCodes: { code: string; label: string }[];
  onRequest: (r: PanelRequest) => void;
}) {
  const canSelf = usePermission("agent.state");
  const canCall = usePermission("panel.originate");
  if (!me || (!canSelf && !canCall)) return null;
  const iface = `PJSIP/${me}`;
  const membership = myQueues.map((q) => ({
    ...q,
    member: state?.queues[q.name]?.members[iface] ?? null,
    login: queueLoginOf(state, me, q.name),
  }));
  const paused = membership.find((m) => m.member?.paused)?.member ?? null;
  return (
    <section aria-labelledby="me-heading" className="card flex flex-wrap items-start gap-x-8 gap-y-4 p-4">
      <h2 id="me-heading" className="w-full text-sm font-semibold">
        Me · extension <span className="font-mono">{me}</span>
        {paused && (
          <span className="ml-2 font-normal text-amber-700 dark:text-amber-400">
            Paused: {paused.pausedReason || "no reason"}
          </span>
        )}
      </h2>
      <Can permission="agent.state">
        {membership.length > 0 && (
          <ul aria-label="My queues" className="space-y-1 text-sm">
            {membership.map((q) => (
              <li key={q.name} className="flex items-center gap-2">
                <span className="min-w-40">
                  {q.label} <span className="font-mono text-xs text-slate-500">({q.number})</span>
                </span>
                {q.login === "static" ? (
                  // Asterisk refuses to remove a member its config puts there ("Member not dynamic").
                  <span className="text-xs">Always in</span>
                ) : (
                  <>
                    <span className="text-xs">{q.member ? "Logged in" : "Logged out"}</span>
                    <button
                      type="button"
                      className="btn-secondary px-2 py-0.5 text-xs"
                      disabled={!state}
                      onClick={() => onRequest({ kind: q.member ? "logout" : "login", queue: q.name })}
                    >
                      {q.member ? "Log out" : "Log in"}
                      <span className="sr-only">
                        {" "}
                        {q.member ? "of" : "to"} {q.label}
                      </span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {membership.some((m) => m.member) && (
          <PauseControl
            paused={Boolean(paused)}
            breakCodes={breakCodes}
            who="me"
            onPause={(breakCode) => onRequest({ kind: "pause", extension: me, self: true, breakCode })}
            onUnpause={() => onRequest({ kind: "unpause", extension: me, self: true })}
          />
        )}
      </Can>
      <Can permission="panel.originate">
        <ClickToCall onCall={(number) => onRequest({ kind: "call", number })} />
      </Can>
    </section>
  );
}

function ClickToCall({ onCall }: { onCall: (number: string) => void }) {
  const id = useId();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const n = number.trim();
        if (!ALLOW.dial.test(n)) {
          setError(n ? ALLOW_MESSAGES.dial : "Enter a number to call.");
          return;
        }
        setError(null);
        onCall(n);
      }}
    >
      <div>
        <label htmlFor={id} className="label">
          Number to call
        </label>
        <input
          id={id}
          className="input w-48 font-mono"
          inputMode="tel"
          autoComplete="off"
          value={number}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setNumber(e.target.value);
            setError(null);
          }}
        />
      </div>
      <button type="submit" className="btn-secondary">
        <Phone className="size-4" aria-hidden /> Call
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </form>
  );
}
