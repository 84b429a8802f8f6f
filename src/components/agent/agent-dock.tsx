"use client";

import { ChevronDown, ChevronUp, Headset } from "lucide-react";
import { useMemo, useState } from "react";
import { usePermission } from "@/components/permissions-provider";
import { nextWrapup } from "@/lib/agent/inbox";
import { AgentStateControl } from "./agent-state-control";
import { CallbackForm } from "./callback-form";
import { CallbackReminders } from "./callback-reminders";
import { useAgentInbox } from "./use-agent-inbox";
import { WrapupCard } from "./wrapup-card";

type QueueRef = { name: string; number: string; label: string };

/**
 * The agent's dock, mounted once in the admin layout: wrap-ups, callback reminders and
 * scheduling, and ready/pause/queue login. It sits bottom-right above the softphone's dock
 * (which keeps the corner), in the same column (CornerDocks), so neither covers the other. A required wrap-up opens it and keeps it open until it is saved; an
 * optional one only shows in the bar (opening the dock shows it first), so it never covers the
 * page uninvited.
 */
export function AgentDock({
  me,
  myQueues,
  breakCodes,
}: {
  me: string | null;
  myQueues: QueueRef[];
  breakCodes: { code: string; label: string }[];
}) {
  const canWrapup = usePermission("calls.wrapup");
  const canCallbacks = usePermission("callbacks.own");
  const canSelf = usePermission("agent.state");
  const canLive = usePermission("panel.view");
  const canState = canSelf && canLive && Boolean(me);
  const enabled = canWrapup || canCallbacks;
  const { inbox, skewMs, refresh } = useAgentInbox(enabled);
  const [open, setOpen] = useState(false);
  const [deferred, setDeferred] = useState<Set<number>>(new Set());
  const [view, setView] = useState<"main" | "callback">("main");
  const wrapup = useMemo(() => (inbox ? nextWrapup(inbox.wrapups, deferred) : null), [inbox, deferred]);
  if (!enabled && !canState) return null;
  const forced = Boolean(wrapup?.required);
  const expanded = open || forced;
  const dueCount = inbox?.callbacks.filter((c) => Date.parse(c.dueAt) <= Date.now() - skewMs).length ?? 0;
  return (
    <aside
      aria-label="Agent"
      data-inbox={inbox ? "loaded" : "loading"}
      className="pointer-events-auto flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      <button
        type="button"
        className="flex w-full shrink-0 items-center gap-2 px-3 py-2 text-left text-sm font-medium"
        aria-expanded={expanded}
        disabled={forced}
        onClick={() => {
          // Opening again brings back the wrap-ups set aside with "Later".
          if (!expanded) setDeferred(new Set());
          setOpen(!expanded);
        }}
      >
        <Headset className="size-4" aria-hidden />
        <span className="grow">Agent</span>
        {inbox && inbox.wrapups.length > 0 && (
          <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-800 dark:bg-amber-900 dark:text-amber-200">
            {inbox.wrapups.length} to wrap up
          </span>
        )}
        {dueCount > 0 && (
          <span className="rounded bg-rose-100 px-1.5 text-xs text-rose-800 dark:bg-rose-900 dark:text-rose-200">
            {dueCount} due
          </span>
        )}
        {!forced &&
          (expanded ? (
            <ChevronDown className="size-4" aria-hidden />
          ) : (
            <ChevronUp className="size-4" aria-hidden />
          ))}
      </button>
      {expanded && (
        <div className="max-h-[70vh] min-h-0 space-y-4 overflow-y-auto border-t border-slate-200 p-3 dark:border-slate-700">
          {wrapup && inbox ? (
            <WrapupCard
              key={wrapup.id}
              wrapup={wrapup}
              dispositions={inbox.dispositions}
              timeZone={inbox.timeZone}
              localNow={inbox.localNow}
              waiting={inbox.wrapups.length - 1}
              onDone={() => void refresh()}
              onLater={wrapup.required ? undefined : () => setDeferred((d) => new Set(d).add(wrapup.id))}
            />
          ) : view === "callback" && inbox ? (
            <CallbackForm
              compact
              timeZone={inbox.timeZone}
              minLocal={inbox.localNow}
              onDone={() => {
                setView("main");
                void refresh();
              }}
              onCancel={() => setView("main")}
            />
          ) : (
            <>
              {canState && me && <AgentStateControl me={me} myQueues={myQueues} breakCodes={breakCodes} />}
              {canCallbacks && inbox && (
                <button type="button" className="btn-secondary w-full" onClick={() => setView("callback")}>
                  Schedule a callback
                </button>
              )}
            </>
          )}
        </div>
      )}
      {canCallbacks && inbox && (
        <div className="px-3 pb-2 empty:hidden">
          <CallbackReminders callbacks={inbox.callbacks} skewMs={skewMs} onChanged={() => void refresh()} />
        </div>
      )}
    </aside>
  );
}
