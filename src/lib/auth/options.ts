import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/env";
import { writeAudit } from "@/lib/audit";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { log } from "@/lib/log";
import { getSecrets } from "@/lib/secrets";
import { verifyPassword } from "./password";
import { clientIp } from "./request";
import { clearFailures, recordFailure, throttleKeys } from "./throttle";

declare module "next-auth" {
  interface User {
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sid?: string;
    /** Seconds since epoch of the login; sessions end SESSION_MAX_AGE_SECONDS after it, not after the last request. */
    loginAt?: number;
  }
}

let options: NextAuthOptions | undefined;

/** Built lazily so that importing this module (e.g. during `next build`) reads no secrets. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getSecrets().authSecret,
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: env.SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: async (credentials, req) => {
          const email = String(credentials?.email ?? "")
            .trim()
            .toLowerCase();
          const password = String(credentials?.password ?? "");
          const ip = clientIp(req.headers ?? {});
          const [user] = email ? await db.select().from(users).where(eq(users.email, email)).limit(1) : [];
          // Always one full argon2 verification, so unknown e-mail and wrong password cost the same.
          const valid = await verifyPassword(user?.passwordHash, password);
          if (!user || !valid || user.disabled) {
            await recordFailure(throttleKeys(email, ip));
            log.info(
              { email, ip, reason: !user ? "unknown" : user.disabled ? "disabled" : "password" },
              "login refused",
            );
            return null;
          }
          await clearFailures(throttleKeys(email, ip)[0]!);
          return startSession(user.id, user.email, user.sessionId, ip);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = user.sid;
          token.loginAt = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      session({ session }) {
        // The browser only learns who it is; role and permissions are read from the DB per request.
        return { ...session, user: { name: session.user?.name, email: session.user?.email } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid && token.sid) await endSession(token.uid, token.sid, "logout");
      },
    },
  };
  return options;
}

/** A new login replaces the user's one session; the old one is told over the bus and dies. */
async function startSession(userId: string, email: string, previous: string | null, ip: string) {
  const sid = randomBytes(24).toString("base64url");
  await db.update(users).set({ sessionId: sid, lastLoginAt: new Date() }).where(eq(users.id, userId));
  if (previous) {
    await getBus().publish(CHANNELS.sessions, {
      type: "session.revoked",
      userId,
      sessionId: previous,
      reason: "replaced",
      at: Date.now(),
    });
  }
  await writeAudit({
    actor: { id: userId, email, ip },
    action: "auth.login",
    entity: "session",
    entityId: userId,
    entityLabel: email,
  });
  return { id: userId, email, sid };
}

export async function endSession(
  userId: string,
  sessionId: string | undefined,
  reason: "logout" | "disabled" | "password_reset" | "role_changed",
) {
  const [row] = await db
    .select({ sessionId: users.sessionId, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || (sessionId && row.sessionId !== sessionId)) return;
  await db.update(users).set({ sessionId: null }).where(eq(users.id, userId));
  await getBus().publish(CHANNELS.sessions, {
    type: "session.revoked",
    userId,
    sessionId: row.sessionId ?? undefined,
    reason,
    at: Date.now(),
  });
  if (reason === "logout")
    await writeAudit({
      actor: { id: userId, email: row.email, ip: null },
      action: "auth.logout",
      entity: "session",
      entityId: userId,
      entityLabel: row.email,
    });
}
