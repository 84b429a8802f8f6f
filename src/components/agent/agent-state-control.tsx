"use client";

import { useId, useState } from "react";
import { pauseMe, queueLogin, queueLogout, setMyDnd, unpauseMe } from "@/app/(admin)/panel/queue-actions";
import { useLiveState } from "@/components/live/use-live-state";
import { agentStateOf, dndOf, queueLoginOf } from "@/lib/agent/agent-state";
import type { Result } from "@/lib/errors";

type QueueRef = { name: string; number: string; label: string };

/**
 * Ready / paused with a break code, and queue login and logout, for the agent's own extension.
 * It runs the very actions of the live panel's "Me" card (agent.state: only ever the caller's own
 * extension) and shows the state as the live state reports it, so both always agree.
 */
export function AgentStateControl({
  me,
  myQueues,
  breakCodes,
}: {
  me: string;
  myQueues: QueueRef[];
  breakCodes: { code: string; label: string }[];
}) {
  const id = useId();
  const { snapshot } = useLiveState();
  const state = agentStateOf(
    snapshot?.state ?? null,
    me,
    myQueues.map((q) => q.name),
  );
  const dnd = dndOf(snapshot?.state ?? null, me);
  const [code, setCode] = useState(breakCodes[0]?.code ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<Result<unknown>>) => {
    setBusy(true);
    const result = await work();
    setBusy(false);
    setError(result.ok ? null : (result.error.fieldErrors?.breakCode?.[0] ?? result.error.message));
  };
  const label =
    state.kind === "unknown"
      ? "Connecting…"
      : state.kind === "logged_out"
        ? "Logged out"
        : state.kind === "paused"
          ? `Paused: ${breakCodes.find((b) => b.code === state.reason)?.label ?? (state.reason || "no reason")}`
          : "Ready";
  return (
    <section aria-label="My agent state" className="space-y-2">
      <p className="text-sm">
        <span className="text-slate-500 dark:text-slate-400">Extension {me} · </span>
        <strong role="status" aria-label="Agent state">
          {label}
        </strong>
      </p>
      {state.kind === "paused" && (
        <button
          type="button"
          className="btn-primary w-full"
          disabled={busy}
          onClick={() => run(() => unpauseMe({}))}
        >
          Go ready
        </button>
      )}
      {state.kind === "ready" &&
        (breakCodes.length ? (
          <div className="flex items-end gap-2">
            <div className="grow">
              <label htmlFor={id} className="label">
                Break code
              </label>
              <select id={id} className="input" value={code} onChange={(e) => setCode(e.target.value)}>
                {breakCodes.map((b) => (
                  <option key={b.code} value={b.code}>
                    {b.label}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="btn-secondary"
              disabled={busy}
              onClick={() => run(() => pauseMe({ breakCode: code }))}
            >
              Pause
            </button>
          </div>
        ) : (
          <p className="text-xs text-slate-500">No active break codes: an admin has to add one.</p>
        ))}
      {dnd !== null && (
        <div className="flex items-center justify-between gap-2 text-sm">
          <span>
            {dnd ? "Do not disturb: direct calls get busy or voicemail." : "Direct calls ring your phone."}
          </span>
          <button
            type="button"
            aria-pressed={dnd}
            className={dnd ? "btn-primary px-2 py-0.5 text-xs" : "btn-secondary px-2 py-0.5 text-xs"}
            disabled={busy}
            onClick={() => run(() => setMyDnd({ on: !dnd }))}
          >
            Do not disturb
          </button>
        </div>
      )}
      {myQueues.length > 0 && state.kind !== "unknown" && (
        <ul aria-label="My queue logins" className="space-y-1 text-sm">
          {myQueues.map((q) => {
            const login = queueLoginOf(snapshot?.state ?? null, me, q.name);
            const member = login === "logged_in";
            return (
              <li key={q.name} className="flex items-center justify-between gap-2">
                <span>
                  {q.label} <span className="font-mono text-xs text-slate-500">({q.number})</span>
                </span>
                {login === "static" ? (
                  <span className="text-xs text-slate-500 dark:text-slate-400">Always in</span>
                ) : (
                  <button
                    type="button"
                    className="btn-secondary px-2 py-0.5 text-xs"
                    disabled={busy}
                    onClick={() => run(() => (member ? queueLogout : queueLogin)({ queue: q.name }))}
                  >
                    {member ? "Log out" : "Log in"}
                    <span className="sr-only">
                      {" "}
                      {member ? "of" : "to"} {q.label}
                    </span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
    </section>
  );
}
