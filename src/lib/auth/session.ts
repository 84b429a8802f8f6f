import "server-only";
import { eq, sql } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { cache } from "react";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { type Role, users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import { getSecrets } from "@/lib/secrets";
import { SESSION_COOKIES } from "./cookies";
import { effectivePermissions, type Permission } from "./permissions";
import { clientIp } from "./request";

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  extension: string | null;
  sessionId: string;
  permissions: Set<Permission>;
  ip: string;
};

/**
 * The signed-in user, checked against the database on every request: the account must exist,
 * be enabled, and hold this very session (one session per user); and the login must be younger
 * than SESSION_MAX_AGE_SECONDS. Cached per request by React.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: getSecrets().authSecret }).catch(() => null);
  if (!token?.uid || !token.sid || !token.loginAt) return null;
  if (Date.now() / 1000 - token.loginAt > env.SESSION_MAX_AGE_SECONDS) return null;
  const [row] = await db.select().from(users).where(eq(users.id, token.uid)).limit(1);
  if (!row || row.disabled || row.sessionId !== token.sid) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    extension: row.extension,
    sessionId: row.sessionId,
    permissions: effectivePermissions(row.role, row.grants, row.revokes),
    ip: clientIp(await headers()),
  };
});

export const hasAnyUser = cache(async (): Promise<boolean> => {
  const [row] = await db.select({ one: sql<number>`1` }).from(users).limit(1);
  return Boolean(row);
});

/** For pages: first run goes to /setup, no session to /login. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if (!(await hasAnyUser())) redirect("/setup");
  const path = (await headers()).get("x-switchboard-path") ?? "/";
  redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}

/** For pages: renders the 403 page (with a real 403 status) when the permission is missing. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!user.permissions.has(permission)) forbidden();
  return user;
}

/** For route handlers: throws AppError, which the handler turns into a JSON response. */
export async function authorizeRequest(permission?: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized:session");
  if (permission && !user.permissions.has(permission)) throw new AppError(`forbidden:${permission}`);
  return user;
}

export function can(user: Pick<CurrentUser, "permissions"> | null, permission: Permission): boolean {
  return Boolean(user?.permissions.has(permission));
}
