import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { queueAsteriskName } from "@/lib/asterisk/live/scope";
import type { LiveScope } from "@/lib/asterisk/live/scope-filter";
import { db } from "@/lib/db/client";
import { extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { breakCodes, teamMembers, teams } from "@/lib/db/schema/panel";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { users } from "@/lib/db/schema/users";

/** Everything the live panel shows that the live state doesn't carry: names, groups, choices. */
export type PanelDirectory = {
  /** Extensions in scope, for the BLF grid (the live state only has those with a hint or device). */
  extensions: { number: string; name: string }[];
  /** True when the scope has more extensions than the grid is given. */
  truncated: boolean;
  /** Queues in scope: Asterisk name (q5000), number and display name. */
  queues: QueueRef[];
  /** The user's own queues (agent login/logout). */
  myQueues: QueueRef[];
  /** BLF filter groups: each queue and team in scope with its extension numbers. */
  groups: { id: string; label: string; extensions: string[] }[];
  breakCodes: { code: string; label: string }[];
  /** Where a call may be transferred: every extension, ring group and queue. */
  destinations: { number: string; name: string; kind: "extension" | "group" | "queue" }[];
};

export type QueueRef = { name: string; number: string; label: string };

/** The grid never gets more tiles than this; search narrows it server-side on the next visit. */
export const PANEL_EXTENSION_LIMIT = 2000;
const DESTINATION_LIMIT = 5000;

export async function getPanelDirectory({
  scope,
  user,
}: {
  scope: LiveScope;
  user: { id: string; extension: string | null };
}): Promise<PanelDirectory> {
  const extNumbers = [...scope.extensions];
  const queueNumbers = [...scope.queues].map((q) => q.slice(1));
  const [exts, qs, members, teamRows, codes, dests] = await Promise.all([
    scope.all || extNumbers.length
      ? db
          .select({ number: extensions.number, name: extensions.displayName })
          .from(extensions)
          .where(scope.all ? undefined : inArray(extensions.number, extNumbers))
          .orderBy(...numeric(extensions.number))
          .limit(PANEL_EXTENSION_LIMIT + 1)
      : [],
    scope.all || queueNumbers.length
      ? db
          .select({ id: queues.id, number: queues.number, name: queues.name })
          .from(queues)
          .where(scope.all ? undefined : inArray(queues.number, queueNumbers))
          .orderBy(...numeric(queues.number))
      : [],
    db
      .select({ queueId: queueMembers.queueId, number: extensions.number })
      .from(queueMembers)
      .innerJoin(extensions, eq(extensions.id, queueMembers.extensionId)),
    teamGroups(scope, user.id),
    db
      .select({ code: breakCodes.code, label: breakCodes.label })
      .from(breakCodes)
      .where(eq(breakCodes.active, true))
      .orderBy(asc(breakCodes.sortOrder), asc(breakCodes.label)),
    destinations(),
  ]);
  const visible = (n: string) => scope.all || scope.extensions.has(n);
  const refs = qs.map((q) => ({
    id: q.id,
    name: queueAsteriskName(q.number),
    number: q.number,
    label: q.name,
  }));
  const mine = new Set(members.filter((m) => m.number === user.extension).map((m) => m.queueId));
  return {
    extensions: exts.slice(0, PANEL_EXTENSION_LIMIT),
    truncated: exts.length > PANEL_EXTENSION_LIMIT,
    queues: refs.map(({ id: _id, ...q }) => q),
    myQueues: refs.filter((q) => mine.has(q.id)).map(({ id: _id, ...q }) => q),
    groups: [
      ...refs.map((q) => ({
        id: `queue:${q.name}`,
        label: `Queue ${q.number} ${q.label}`,
        extensions: members.filter((m) => m.queueId === q.id && visible(m.number)).map((m) => m.number),
      })),
      ...teamRows,
    ],
    breakCodes: codes,
    destinations: dests,
  };
}

/** Teams as BLF filter groups: all teams for a full scope, else the ones the user supervises. */
async function teamGroups(scope: LiveScope, userId: string): Promise<PanelDirectory["groups"]> {
  const supervised = db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.isSupervisor, true)));
  const rows = await db
    .select({ id: teams.id, name: teams.name, extension: users.extension })
    .from(teams)
    .innerJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(scope.all ? undefined : inArray(teams.id, supervised))
    .orderBy(asc(teams.name));
  const groups = new Map<string, { id: string; label: string; extensions: string[] }>();
  for (const r of rows) {
    if (!r.extension || !(scope.all || scope.extensions.has(r.extension))) continue;
    const g = groups.get(r.id) ?? { id: `team:${r.id}`, label: `Team ${r.name}`, extensions: [] };
    g.extensions.push(r.extension);
    groups.set(r.id, g);
  }
  return [...groups.values()];
}

async function destinations(): Promise<PanelDirectory["destinations"]> {
  const [e, g, q] = await Promise.all([
    db
      .select({ number: extensions.number, name: extensions.displayName })
      .from(extensions)
      .where(eq(extensions.enabled, true))
      .orderBy(...numeric(extensions.number))
      .limit(DESTINATION_LIMIT),
    db
      .select({ number: extensionGroups.number, name: extensionGroups.name })
      .from(extensionGroups)
      .orderBy(...numeric(extensionGroups.number))
      .limit(DESTINATION_LIMIT),
    db
      .select({ number: queues.number, name: queues.name })
      .from(queues)
      .orderBy(...numeric(queues.number))
      .limit(DESTINATION_LIMIT),
  ]);
  return [
    ...e.map((x) => ({ ...x, kind: "extension" as const })),
    ...g.map((x) => ({ ...x, kind: "group" as const })),
    ...q.map((x) => ({ ...x, kind: "queue" as const })),
  ];
}

function numeric(col: AnyPgColumn) {
  return [asc(sql`char_length(${col})`), asc(col)];
}
