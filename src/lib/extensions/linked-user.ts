import "server-only";
import { and, eq, inArray, isNotNull, ne, type SQL, sql } from "drizzle-orm";
import type { AuditNote } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";

type Link = {
  /** The extension's number after the save. */
  number: string;
  /** Its number before the save (updates), so a renumbered extension keeps its user. */
  previousNumber?: string;
  /** The user to link; null unlinks everyone; undefined leaves users as they are. */
  userId: string | null | undefined;
};

/**
 * The link lives on users.extension. Linking sets the chosen user's extension to this number and
 * clears it from everyone else who had this number (or the previous one); the chosen user may
 * move here from another extension. Returns one user.update audit note per user changed.
 */
export async function applyUserLink(tx: Tx, link: Link): Promise<AuditNote[]> {
  const numbers = [...new Set([link.number, link.previousNumber].filter((n): n is string => Boolean(n)))];
  if (link.userId === undefined) {
    // Renumbered without touching the link: the linked user follows the extension.
    if (!link.previousNumber || link.previousNumber === link.number) return [];
    return setExtension(tx, eq(users.extension, link.previousNumber), link.number);
  }
  if (link.userId) {
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, link.userId)).limit(1);
    if (!target) {
      throw new AppError("bad_request:user", "That user no longer exists.", {
        fieldErrors: { userId: ["That user no longer exists. Choose another."] },
      });
    }
  }
  const others = link.userId
    ? and(inArray(users.extension, numbers), ne(users.id, link.userId))
    : inArray(users.extension, numbers);
  const notes = await setExtension(tx, others, null);
  if (link.userId)
    notes.push(
      ...(await setExtension(
        tx,
        and(eq(users.id, link.userId), sql`${users.extension} is distinct from ${link.number}`),
        link.number,
      )),
    );
  return notes;
}

/** Users currently holding one of these numbers, by number; for bulk checks. */
export async function usersByNumber(tx: Tx, numbers: string[]) {
  if (numbers.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, extension: users.extension })
    .from(users)
    .where(and(isNotNull(users.extension), inArray(users.extension, numbers)));
}

async function setExtension(tx: Tx, where: SQL | undefined, extension: string | null) {
  const before = await tx
    .select({ id: users.id, email: users.email, extension: users.extension })
    .from(users)
    .where(where)
    .for("update");
  if (before.length === 0) return [];
  await tx
    .update(users)
    .set({ extension })
    .where(
      inArray(
        users.id,
        before.map((u) => u.id),
      ),
    );
  return before.map(
    (u): AuditNote => ({
      action: "user.update",
      entity: "user",
      entityId: u.id,
      entityLabel: u.email,
      before: { extension: u.extension },
      after: { extension },
    }),
  );
}
