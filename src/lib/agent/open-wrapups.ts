import { and, eq, inArray } from "drizzle-orm";
import type { WrapupCandidate } from "@/lib/asterisk/live/persist/persist-mappers";
import { effectivePermissions } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { callWrapups } from "@/lib/db/schema/agent";
import { queues, type WrapupMode } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";

/** What a queue Switchboard doesn't manage (a hand-written queues.conf entry) asks for. */
const UNMANAGED_RULE = { mode: "optional" as WrapupMode, notesRequired: false };

/**
 * Opens a pending wrap-up for each completed queue call whose agent is a user (the enabled user
 * linked to the member's extension, holding calls.wrapup), with the queue's wrap-up rule of this moment. Queues set to
 * `off` open none. Returns the users who got a new one, to notify their browsers; a replayed
 * event hits the dedupe key and notifies nobody.
 */
export async function openWrapups(db: Db, candidates: WrapupCandidate[]): Promise<string[]> {
  if (!candidates.length) return [];
  const extensions = [...new Set(candidates.map((c) => c.extension))];
  const numbers = [...new Set(candidates.map((c) => queueNumber(c.queue)).filter((n) => n !== null))];
  const [agents, rules] = await Promise.all([
    db
      .select({
        id: users.id,
        extension: users.extension,
        role: users.role,
        grants: users.grants,
        revokes: users.revokes,
      })
      .from(users)
      .where(and(inArray(users.extension, extensions), eq(users.disabled, false))),
    numbers.length
      ? db
          .select({
            number: queues.number,
            mode: queues.wrapupMode,
            notesRequired: queues.wrapupNotesRequired,
          })
          .from(queues)
          .where(inArray(queues.number, numbers))
      : Promise.resolve([]),
  ]);
  // One user per extension is the rule; if an admin linked two, the first by id gets it, always the same one.
  const byExtension = new Map<string, string>();
  for (const a of agents.sort((x, y) => x.id.localeCompare(y.id))) {
    // Users who don't wrap up calls (a QA analyst at a desk phone) get no prompt.
    if (!effectivePermissions(a.role, a.grants, a.revokes).has("calls.wrapup")) continue;
    if (a.extension && !byExtension.has(a.extension)) byExtension.set(a.extension, a.id);
  }
  const ruleOf = new Map(rules.map((r) => [r.number, { mode: r.mode, notesRequired: r.notesRequired }]));
  const rows = [];
  for (const c of candidates) {
    const userId = byExtension.get(c.extension);
    const number = queueNumber(c.queue);
    const rule = number === null ? UNMANAGED_RULE : (ruleOf.get(number) ?? UNMANAGED_RULE);
    if (!userId || rule.mode === "off") continue;
    rows.push({
      dedupeKey: c.dedupeKey,
      userId,
      extension: c.extension,
      queue: c.queue,
      linkedid: c.linkedid,
      uniqueid: c.uniqueid,
      callerIdNum: c.callerIdNum,
      required: rule.mode === "required",
      notesRequired: rule.notesRequired,
      endedAt: c.at,
    });
  }
  if (!rows.length) return [];
  const inserted = await db
    .insert(callWrapups)
    .values(rows)
    .onConflictDoNothing()
    .returning({ userId: callWrapups.userId });
  return [...new Set(inserted.map((r) => r.userId))];
}

/** `q5000` → `5000`: how the compiler names the queues it renders (see queues.conf golden file). */
function queueNumber(queue: string): string | null {
  return /^q([0-9]{2,8})$/.exec(queue)?.[1] ?? null;
}
