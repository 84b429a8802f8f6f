import "server-only";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { CurrentUser } from "@/lib/auth/session";
import { type Db, db, type Tx } from "@/lib/db/client";
import { getSetting } from "@/lib/db/queries/settings";
import { extensions } from "@/lib/db/schema/extensions";
import { teamMembers, teamQueues } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";
import { FULL_SCOPE, type LiveScope, limitedScope } from "./scope-filter";

export type ScopeUser = Pick<CurrentUser, "id" | "role" | "extension">;

/** The Asterisk name of a queue (queues_switchboard.conf sections are `q<number>`). */
export function queueAsteriskName(number: string): string {
  return `q${number}`;
}

/**
 * What the user may see and act on in the live panel:
 * - admins: everything;
 * - everyone else: their own extension, and the queues their extension is a member of (static
 *   or may log in), with the other members of those queues only when the `panel.agentsSeePeers`
 *   setting is on;
 * - supervisors of a team (team_members.isSupervisor) also: every member's extension and the
 *   team's queues.
 * Inside an action pass its `tx` (PGlite has a single connection).
 */
export async function getLiveScope(user: ScopeUser, exec: Db | Tx = db): Promise<LiveScope> {
  if (user.role === "admin") return FULL_SCOPE;
  const exts = new Set<string>();
  const queueNames = new Set<string>();
  if (user.extension) exts.add(user.extension);

  const supervised = await exec
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, user.id), eq(teamMembers.isSupervisor, true)));
  const teamIds = supervised.map((t) => t.teamId);
  if (teamIds.length) {
    const members = await exec
      .select({ extension: users.extension })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(inArray(teamMembers.teamId, teamIds), isNotNull(users.extension)));
    for (const m of members) exts.add(m.extension!);
    const teamQueueRows = await exec
      .select({ number: queues.number })
      .from(teamQueues)
      .innerJoin(queues, eq(queues.id, teamQueues.queueId))
      .where(inArray(teamQueues.teamId, teamIds));
    for (const q of teamQueueRows) queueNames.add(queueAsteriskName(q.number));
  }

  if (user.extension) {
    const own = await exec
      .select({ queueId: queueMembers.queueId, number: queues.number })
      .from(queueMembers)
      .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId))
      .innerJoin(queues, eq(queues.id, queueMembers.queueId))
      .where(eq(extensions.number, user.extension));
    for (const q of own) queueNames.add(queueAsteriskName(q.number));
    if (own.length && (await getSetting("panel.agentsSeePeers", exec)) === "yes") {
      const peers = await exec
        .select({ number: extensions.number })
        .from(queueMembers)
        .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId))
        .where(
          inArray(
            queueMembers.queueId,
            own.map((q) => q.queueId),
          ),
        );
      for (const p of peers) exts.add(p.number);
    }
  }
  return limitedScope(exts, queueNames);
}
