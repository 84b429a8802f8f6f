import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { CurrentUser } from "@/lib/auth/session";
import { type Db, db, type Tx } from "@/lib/db/client";
import { teamMembers } from "@/lib/db/schema/panel";

/** Whose callbacks a user may see and work: everyone's, or these users'. */
export type CallbackScope = { kind: "all" } | { kind: "users"; ids: string[] };

/**
 * - `callbacks.manage` and admin: everyone's;
 * - `callbacks.manage` (supervisors): their own and their teams' members';
 * - `callbacks.own`: their own only;
 * - neither: nobody's.
 * Inside an action pass its `tx` (PGlite has a single connection).
 */
export async function getCallbackScope(
  user: Pick<CurrentUser, "id" | "role" | "permissions">,
  exec: Db | Tx = db,
): Promise<CallbackScope> {
  const manage = user.permissions.has("callbacks.manage");
  if (manage && user.role === "admin") return { kind: "all" };
  const ids = new Set<string>();
  if (user.permissions.has("callbacks.own") || manage) ids.add(user.id);
  if (manage) {
    const supervised = await exec
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, user.id), eq(teamMembers.isSupervisor, true)));
    if (supervised.length) {
      const members = await exec
        .select({ userId: teamMembers.userId })
        .from(teamMembers)
        .where(
          inArray(
            teamMembers.teamId,
            supervised.map((t) => t.teamId),
          ),
        );
      for (const m of members) ids.add(m.userId);
    }
  }
  return { kind: "users", ids: [...ids] };
}

export function inCallbackScope(scope: CallbackScope, userId: string): boolean {
  return scope.kind === "all" || scope.ids.includes(userId);
}
