"use client";

import { useCallback, useEffect, useState } from "react";
import { INBOX_EVENT } from "@/components/session-watcher";
import type { AgentInbox } from "@/lib/agent/inbox";

const REFRESH_MS = 5 * 60_000;

/**
 * The signed-in user's agent inbox: fetched on mount, whenever the session stream says it
 * changed (a new wrap-up, callbacks edited elsewhere), when the tab becomes visible again, and
 * every few minutes so callbacks entering the 24-hour reminder window arrive.
 */
export function useAgentInbox(enabled: boolean) {
  const [inbox, setInbox] = useState<AgentInbox | null>(null);
  const [skewMs, setSkewMs] = useState(0);
  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/me/inbox", { cache: "no-store" });
      if (!res.ok) return;
      const data = (await res.json()) as AgentInbox;
      setSkewMs(Date.now() - Date.parse(data.now));
      setInbox(data);
    } catch {
      // Offline or restarting: the next nudge, focus or interval tries again.
    }
  }, []);
  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const onInbox = () => void refresh();
    const onVisible = () => document.visibilityState === "visible" && void refresh();
    window.addEventListener(INBOX_EVENT, onInbox);
    document.addEventListener("visibilitychange", onVisible);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      window.removeEventListener(INBOX_EVENT, onInbox);
      document.removeEventListener("visibilitychange", onVisible);
      clearInterval(timer);
    };
  }, [enabled, refresh]);
  return { inbox, skewMs, refresh };
}
