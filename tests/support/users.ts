import { effectivePermissions } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { type NewUser, type User, users } from "@/lib/db/schema/users";

let made = 0;

/** Inserts a user straight into the test database. The hash is a placeholder: nobody logs in. */
export async function insertUser(fields: Partial<NewUser> & Pick<NewUser, "role">): Promise<User> {
  // A counter, not random hex, so searches in tests cannot match a default name or e-mail by chance.
  made += 1;
  const [row] = await db
    .insert(users)
    .values({
      name: `${fields.role} user ${made}`,
      email: `${fields.role}.user${made}@example.test`,
      passwordHash: "$argon2id$placeholder",
      ...fields,
    })
    .returning();
  return row!;
}

/** The session the action wrapper would see for this user, permissions computed as in session.ts. */
export function currentUserFor(row: User, ip = "203.0.113.10"): CurrentUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    extension: row.extension,
    sessionId: row.sessionId ?? "test-session",
    permissions: effectivePermissions(row.role, row.grants, row.revokes),
    ip,
  };
}
