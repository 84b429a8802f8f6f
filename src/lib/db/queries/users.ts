import "server-only";
import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type User, users } from "@/lib/db/schema/users";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

export type UserListRow = Pick<
  User,
  "id" | "name" | "email" | "role" | "extension" | "disabled" | "lastLoginAt" | "grants" | "revokes"
>;

type UserCursor = { name: string; id: string };
const isUserCursor = (v: unknown): v is UserCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as UserCursor).name === "string" &&
  typeof (v as UserCursor).id === "string";

/** Users by name, then id (a stable keyset). Search matches name, e-mail or extension. */
export async function listUsers({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<UserListRow>> {
  const after = decodeCursor(cursor, isUserCursor);
  const search = q?.trim();
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      extension: users.extension,
      disabled: users.disabled,
      lastLoginAt: users.lastLoginAt,
      grants: users.grants,
      revokes: users.revokes,
    })
    .from(users)
    .where(
      and(
        search
          ? or(
              ilike(users.name, likeContains(search)),
              ilike(users.email, likeContains(search)),
              ilike(users.extension, likeContains(search)),
            )
          : undefined,
        after
          ? or(gt(users.name, after.name), and(eq(users.name, after.name), gt(users.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export async function getUserById({ id }: { id: string }): Promise<User | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function countUsersByRole(): Promise<Record<string, number>> {
  const rows = await db
    .select({ role: users.role, n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.disabled, false))
    .groupBy(users.role);
  return Object.fromEntries(rows.map((r) => [r.role, r.n]));
}

export async function listUserOptions(): Promise<{ id: string; name: string; email: string }[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(asc(users.name))
    .limit(500);
}
