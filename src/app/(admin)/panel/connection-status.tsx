"use client";

import type { LiveView } from "@/components/live/use-live-state";

type Tone = "ok" | "warn" | "down";

const TONES: Record<Tone, { box: string; dot: string }> = {
  ok: {
    box: "border-teal-200 bg-teal-50 text-teal-900 dark:border-teal-900 dark:bg-teal-950/40 dark:text-teal-200",
    dot: "bg-teal-500",
  },
  warn: {
    box: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200",
    dot: "bg-amber-500 motion-safe:animate-pulse",
  },
  down: {
    box: "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200",
    dot: "bg-rose-600",
  },
};

/** Where the live data stands: the browser's stream to the server, then the server's link to Asterisk. */
export function describeConnection(view: LiveView): { tone: Tone; text: string } {
  if (view.stream === "reconnecting") {
    return {
      tone: "warn",
      text: view.snapshot
        ? "Reconnecting to the live feed… showing the last known state."
        : "Reconnecting to the live feed…",
    };
  }
  if (!view.snapshot) return { tone: "warn", text: "Connecting to the live feed…" };
  const c = view.snapshot.connection;
  switch (c.state) {
    case "live":
      return { tone: "ok", text: "Live" };
    case "connecting":
      return { tone: "warn", text: `Connecting to Asterisk…${c.error ? ` (${c.error})` : ""}` };
    case "syncing":
      return { tone: "warn", text: "Loading the current calls from Asterisk…" };
    case "down":
      return {
        tone: "down",
        text: `Asterisk is down${c.error ? `: ${c.error}` : ""}. The panel shows the last known state.`,
      };
  }
}

export function ConnectionStatus({ view }: { view: LiveView }) {
  const { tone, text } = describeConnection(view);
  return (
    <p
      role="status"
      data-testid="live-status"
      data-tone={tone}
      className={`flex items-center gap-2 rounded-md border px-3 py-2 text-sm ${TONES[tone].box}`}
    >
      <span className={`size-2.5 shrink-0 rounded-full ${TONES[tone].dot}`} aria-hidden />
      {text}
    </p>
  );
}
