import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { teamMembers, teamQueues, teams } from "@/lib/db/schema/panel";
import { queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";

export type TeamListRow = {
  id: string;
  name: string;
  memberCount: number;
  supervisors: string[];
  queues: string[];
};

export type TeamMemberChoice = { id: string; name: string; email: string; extension: string | null };

export type TeamDetail = {
  id: string;
  name: string;
  members: (TeamMemberChoice & { isSupervisor: boolean })[];
  queues: { number: string; name: string }[];
};

/** Every team by name, with its size, supervisors and queues (teams are few: no paging). */
export async function listTeams(): Promise<TeamListRow[]> {
  const rows = await db
    .select({
      id: teams.id,
      name: teams.name,
      memberCount: sql<number>`(select count(*)::int from ${teamMembers} m where m.team_id = ${teams.id})`,
    })
    .from(teams)
    .orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sups, qs] = await Promise.all([
    db
      .select({ teamId: teamMembers.teamId, name: users.name })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(inArray(teamMembers.teamId, ids), eq(teamMembers.isSupervisor, true)))
      .orderBy(asc(users.name)),
    db
      .select({ teamId: teamQueues.teamId, number: queues.number })
      .from(teamQueues)
      .innerJoin(queues, eq(queues.id, teamQueues.queueId))
      .where(inArray(teamQueues.teamId, ids))
      .orderBy(asc(sql`char_length(${queues.number})`), asc(queues.number)),
  ]);
  return rows.map((r) => ({
    ...r,
    supervisors: sups.filter((s) => s.teamId === r.id).map((s) => s.name),
    queues: qs.filter((q) => q.teamId === r.id).map((q) => q.number),
  }));
}

export async function getTeamById({ id }: { id: string }): Promise<TeamDetail | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [team] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.id, id))
    .limit(1);
  if (!team) return undefined;
  const [members, qs] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        extension: users.extension,
        isSupervisor: teamMembers.isSupervisor,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.teamId, id))
      .orderBy(asc(users.name)),
    db
      .select({ number: queues.number, name: queues.name })
      .from(teamQueues)
      .innerJoin(queues, eq(queues.id, teamQueues.queueId))
      .where(eq(teamQueues.teamId, id))
      .orderBy(asc(sql`char_length(${queues.number})`), asc(queues.number)),
  ]);
  return { ...team, members, queues: qs };
}

/** The longest choice list the team form gets; beyond it, typing an exact e-mail still works server-side. */
const CHOICE_LIMIT = 5000;

/** Users and queues the team form can pick from. */
export async function listTeamChoices(): Promise<{
  users: TeamMemberChoice[];
  queues: { number: string; name: string }[];
}> {
  const [us, qs] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, extension: users.extension })
      .from(users)
      .where(eq(users.disabled, false))
      .orderBy(asc(users.name), asc(users.id))
      .limit(CHOICE_LIMIT),
    db
      .select({ number: queues.number, name: queues.name })
      .from(queues)
      .orderBy(asc(sql`char_length(${queues.number})`), asc(queues.number))
      .limit(CHOICE_LIMIT),
  ]);
  return { users: us, queues: qs };
}
