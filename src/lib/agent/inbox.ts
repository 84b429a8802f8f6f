/** What GET /api/me/inbox answers (dates as ISO strings). */
export type AgentInbox = {
  now: string;
  timeZone: string;
  localNow: string;
  dispositions: { id: string; label: string }[];
  wrapups: {
    id: number;
    queue: string;
    linkedid: string;
    callerIdNum: string | null;
    required: boolean;
    notesRequired: boolean;
    endedAt: string;
  }[];
  callbacks: { id: string; number: string; dueAt: string; note: string; linkedid: string | null }[];
};

export type InboxCallback = AgentInbox["callbacks"][number];

/**
 * The callbacks whose reminder should fire now: due at or before `now` and not reminded yet.
 * `skewMs` is the browser clock minus the server's (from the inbox's `now`), so a laptop whose
 * clock is off still reminds at the server's time.
 */
export function dueReminders(
  callbacks: readonly InboxCallback[],
  reminded: ReadonlySet<string>,
  now: number,
  skewMs = 0,
): InboxCallback[] {
  return callbacks.filter((c) => !reminded.has(c.id) && Date.parse(c.dueAt) <= now - skewMs);
}

/** Milliseconds until the next reminder not yet due (to sleep exactly that long), or null. */
export function nextReminderIn(
  callbacks: readonly InboxCallback[],
  reminded: ReadonlySet<string>,
  now: number,
  skewMs = 0,
): number | null {
  let next: number | null = null;
  for (const c of callbacks) {
    if (reminded.has(c.id)) continue;
    const wait = Date.parse(c.dueAt) - (now - skewMs);
    if (wait > 0 && (next === null || wait < next)) next = wait;
  }
  return next;
}

/**
 * The wrap-up the widget shows: required ones first (they block), then oldest first. A wrap-up
 * the agent set aside for later is only shown again when nothing else is waiting.
 */
export function nextWrapup<W extends { id: number; required: boolean; endedAt: string }>(
  wrapups: readonly W[],
  deferred: ReadonlySet<number> = new Set(),
): W | null {
  const sorted = [...wrapups].sort(
    (a, b) =>
      Number(b.required) - Number(a.required) || Date.parse(a.endedAt) - Date.parse(b.endedAt) || a.id - b.id,
  );
  return sorted.find((w) => w.required || !deferred.has(w.id)) ?? null;
}
