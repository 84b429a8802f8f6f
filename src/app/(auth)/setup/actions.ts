"use server";

import { sql } from "drizzle-orm";
import { headers } from "next/headers";
import { writeAudit } from "@/lib/audit";
import { toAppError, toFieldErrors } from "@/lib/auth/action";
import { hashPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/request";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/users";
import { AppError, type Result } from "@/lib/errors";
import { type SetupInput, setupSchema } from "@/lib/validations/user";

/** Arbitrary constant: two browsers finishing setup at once cannot both create "the first admin". */
const SETUP_LOCK = 727_002;

/** First run only: creates the first admin. Refused as soon as any user exists. */
export async function completeSetup(input: SetupInput): Promise<Result<{ email: string }>> {
  const parsed = setupSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: new AppError("bad_request:setup", "Please correct the highlighted fields.", {
        fieldErrors: toFieldErrors(parsed.error),
      }).toJSON(),
    };
  }
  const ip = clientIp(await headers());
  try {
    const { name, email, password } = parsed.data;
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
      const [any] = await tx.select({ one: sql<number>`1` }).from(users).limit(1);
      if (any) throw new AppError("conflict:setup", "Setup is already complete. Please sign in.");
      const [row] = await tx.insert(users).values({ name, email, passwordHash, role: "admin" }).returning();
      await writeAudit(
        {
          actor: { id: row!.id, email, ip },
          action: "setup.complete",
          entity: "user",
          entityId: row!.id,
          entityLabel: email,
          after: { name, email, role: "admin" },
        },
        tx,
      );
    });
    return { ok: true, data: { email } };
  } catch (error) {
    return { ok: false, error: toAppError(error).toJSON() };
  }
}
