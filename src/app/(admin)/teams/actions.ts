"use server";

import { eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action, toAppError } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { teamMembers, teamQueues, teams } from "@/lib/db/schema/panel";
import { queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";
import { AppError, type FieldErrors } from "@/lib/errors";
import {
  createTeamSchema,
  deleteTeamSchema,
  type TeamValues,
  updateTeamSchema,
} from "@/lib/validations/team";

/**
 * Teams decide the live panel's scope: a supervisor of a team sees and acts on its members'
 * calls and its queues. Every save is audited with the full member and queue lists.
 */

export const createTeam = action("teams.write", createTeamSchema, async (input, { tx }) => {
  const refs = await resolveRefs(tx, input);
  const [row] = await saveOrExplain(() => tx.insert(teams).values({ name: input.name }).returning());
  await writeLists(tx, row!.id, input, refs.queueIds);
  revalidatePath("/teams");
  return {
    data: { id: row!.id },
    audit: {
      action: "team.create",
      entity: "team",
      entityId: row!.id,
      entityLabel: input.name,
      after: snapshot(input, refs),
    },
  };
});

export const updateTeam = action("teams.write", updateTeamSchema, async (input, { tx }) => {
  const before = await loadForUpdate(tx, input.id);
  const refs = await resolveRefs(tx, input);
  const beforeSnap = snapshot(before, await resolveRefs(tx, before));
  const afterSnap = snapshot(input, refs);
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  await saveOrExplain(() => tx.update(teams).set({ name: input.name }).where(eq(teams.id, input.id)));
  await tx.delete(teamMembers).where(eq(teamMembers.teamId, input.id));
  await tx.delete(teamQueues).where(eq(teamQueues.teamId, input.id));
  await writeLists(tx, input.id, input, refs.queueIds);
  revalidatePath("/teams");
  return {
    data: { id: input.id },
    audit: {
      action: "team.update",
      entity: "team",
      entityId: input.id,
      entityLabel: input.name,
      before: beforeSnap,
      after: afterSnap,
    },
  };
});

/** Members and queue links go with the team (cascade); the users and queues stay. */
export const deleteTeam = action("teams.write", deleteTeamSchema, async (input, { tx }) => {
  const before = await loadForUpdate(tx, input.id);
  const beforeSnap = snapshot(before, await resolveRefs(tx, before));
  await tx.delete(teams).where(eq(teams.id, input.id));
  revalidatePath("/teams");
  return {
    data: { id: input.id },
    audit: {
      action: "team.delete",
      entity: "team",
      entityId: input.id,
      entityLabel: before.name,
      before: beforeSnap,
    },
  };
});

type Refs = { emails: Map<string, string>; queueIds: Map<string, string> };

/** Every member must be an existing user and every queue an existing queue; all problems at once. */
async function resolveRefs(tx: Tx, input: Pick<TeamValues, "members" | "queues">): Promise<Refs> {
  const userIds = input.members.map((m) => m.userId);
  const found = userIds.length
    ? await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, userIds))
    : [];
  const qs = input.queues.length
    ? await tx
        .select({ id: queues.id, number: queues.number })
        .from(queues)
        .where(inArray(queues.number, input.queues))
    : [];
  const emails = new Map(found.map((u) => [u.id, u.email]));
  const queueIds = new Map(qs.map((q) => [q.number, q.id]));
  const fieldErrors: FieldErrors = {};
  const missingUsers = userIds.filter((id) => !emails.has(id)).length;
  if (missingUsers)
    fieldErrors.members = [`${missingUsers} of the members no longer exist${missingUsers === 1 ? "s" : ""}.`];
  const missingQueues = input.queues.filter((n) => !queueIds.has(n));
  if (missingQueues.length) fieldErrors.queues = [`There is no queue ${missingQueues.join(", ")}.`];
  if (Object.keys(fieldErrors).length)
    throw new AppError("bad_request:input", "Please correct the highlighted fields.", { fieldErrors });
  return { emails, queueIds };
}

async function writeLists(
  tx: Tx,
  teamId: string,
  input: Pick<TeamValues, "members" | "queues">,
  queueIds: Map<string, string>,
) {
  if (input.members.length)
    await tx
      .insert(teamMembers)
      .values(input.members.map((m) => ({ teamId, userId: m.userId, isSupervisor: m.isSupervisor })));
  if (input.queues.length)
    await tx.insert(teamQueues).values(input.queues.map((n) => ({ teamId, queueId: queueIds.get(n)! })));
}

/** What the audit log shows: members by e-mail (sorted), queues by number (sorted). */
function snapshot(input: Pick<TeamValues, "name" | "members" | "queues">, refs: Refs) {
  return {
    name: input.name,
    members: input.members
      .map((m) => ({ email: refs.emails.get(m.userId) ?? m.userId, supervisor: m.isSupervisor }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    queues: [...input.queues].sort((a, b) => a.length - b.length || a.localeCompare(b)),
  };
}

async function loadForUpdate(tx: Tx, id: string): Promise<TeamValues & { id: string }> {
  const [team] = await tx.select().from(teams).where(eq(teams.id, id)).for("update");
  if (!team) throw new AppError("not_found:team", "That team no longer exists.");
  const members = await tx
    .select({ userId: teamMembers.userId, isSupervisor: teamMembers.isSupervisor })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, id));
  const qs = await tx
    .select({ number: queues.number })
    .from(teamQueues)
    .innerJoin(queues, eq(queues.id, teamQueues.queueId))
    .where(eq(teamQueues.teamId, id));
  return { id: team.id, name: team.name, members, queues: qs.map((q) => q.number) };
}

async function saveOrExplain<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (toAppError(error).code !== "conflict:unique") throw error;
    const message = "Another team already has this name.";
    throw new AppError("conflict:unique", message, { fieldErrors: { name: [message] } });
  }
}
