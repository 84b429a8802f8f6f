"use server";

import { and, eq, ne, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { CHANNELS } from "@/lib/bus/events";
import { getBus } from "@/lib/bus/get-bus";
import type { Tx } from "@/lib/db/client";
import { type User, users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import {
  createUserSchema,
  resetPasswordSchema,
  setDisabledSchema,
  updateUserSchema,
} from "@/lib/validations/user";

export const createUser = action("users.write", createUserSchema, async (input, { tx }) => {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) throw emailTaken();
  const [row] = await tx
    .insert(users)
    .values({ ...input, passwordHash: await hashPassword(input.password) })
    .returning();
  revalidatePath("/users");
  return {
    data: { id: row!.id },
    audit: {
      action: "user.create",
      entity: "user",
      entityId: row!.id,
      entityLabel: row!.email,
      after: publicFields(row!),
    },
  };
});

export const updateUser = action("users.write", updateUserSchema, async (input, { tx, user }) => {
  const before = await loadForUpdate(tx, input.id);
  if (before.role === "admin" && input.role !== "admin") await assertAnotherAdmin(tx, before.id);
  if (before.id === user.id && input.revokes.includes("users.write")) {
    throw new AppError("bad_request:self", "You cannot revoke your own permission to manage users.", {
      fieldErrors: { revokes: ["You cannot revoke your own users.write."] },
    });
  }
  const [after] = await tx
    .update(users)
    .set({
      name: input.name,
      role: input.role,
      extension: input.extension,
      grants: input.grants,
      revokes: input.revokes,
    })
    .where(eq(users.id, input.id))
    .returning();
  revalidatePath("/users");
  return {
    data: { id: input.id },
    audit: {
      action: "user.update",
      entity: "user",
      entityId: input.id,
      entityLabel: before.email,
      before: publicFields(before),
      after: publicFields(after!),
    },
  };
});

export const setUserDisabled = action(
  "users.write",
  setDisabledSchema,
  async (input, { tx, user, afterCommit }) => {
    if (input.id === user.id) throw new AppError("bad_request:self", "You cannot disable your own account.");
    const before = await loadForUpdate(tx, input.id);
    if (input.disabled && before.role === "admin") await assertAnotherAdmin(tx, before.id);
    const [after] = await tx
      .update(users)
      // Disabling also clears the session id: the open session fails its very next check.
      .set(input.disabled ? { disabled: true, sessionId: null } : { disabled: false })
      .where(eq(users.id, input.id))
      .returning();
    if (input.disabled && before.sessionId)
      afterCommit(() => revoke(before.id, before.sessionId!, "disabled"));
    revalidatePath("/users");
    return {
      data: { id: input.id },
      audit: {
        action: input.disabled ? "user.disable" : "user.enable",
        entity: "user",
        entityId: input.id,
        entityLabel: before.email,
        before: publicFields(before),
        after: publicFields(after!),
      },
    };
  },
);

export const resetUserPassword = action(
  "users.write",
  resetPasswordSchema,
  async (input, { tx, user, afterCommit }) => {
    const before = await loadForUpdate(tx, input.id);
    await tx
      .update(users)
      .set({
        passwordHash: await hashPassword(input.password),
        sessionId: before.id === user.id ? before.sessionId : null,
      })
      .where(eq(users.id, input.id));
    if (before.id !== user.id && before.sessionId)
      afterCommit(() => revoke(before.id, before.sessionId!, "password_reset"));
    return {
      data: { id: input.id },
      audit: {
        action: "user.reset_password",
        entity: "user",
        entityId: input.id,
        entityLabel: before.email,
        after: { password: "changed" },
      },
    };
  },
);

/** What the audit log and the UI may show of a user: never the hash or the session id. */
function publicFields(u: User) {
  return {
    name: u.name,
    email: u.email,
    role: u.role,
    extension: u.extension,
    grants: u.grants,
    revokes: u.revokes,
    disabled: u.disabled,
  };
}

async function loadForUpdate(tx: Tx, id: string): Promise<User> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!row) throw new AppError("not_found:user", "That user no longer exists.");
  return row;
}

async function assertAnotherAdmin(tx: Tx, exceptId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false), ne(users.id, exceptId)));
  if (!row || row.n === 0) {
    throw new AppError("conflict:last_admin", "Switchboard needs at least one enabled admin.", {
      fieldErrors: { role: ["This is the last enabled admin."] },
    });
  }
}

function emailTaken() {
  return new AppError("conflict:email", "That e-mail address is already in use.", {
    fieldErrors: { email: ["That e-mail address is already in use."] },
  });
}

async function revoke(userId: string, sessionId: string, reason: "disabled" | "password_reset") {
  await getBus().publish(CHANNELS.sessions, {
    type: "session.revoked",
    userId,
    sessionId,
    reason,
    at: Date.now(),
  });
}
