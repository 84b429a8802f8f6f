import { randomBytes } from "node:crypto";
import { desc, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { configChanges } from "@/lib/db/schema/config";
import { type Extension, extensions, type NewExtension } from "@/lib/db/schema/extensions";
import { encryptSecret } from "@/lib/settings/crypto";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Inserts an extension straight into the table (the extensions UI is not a dependency here). */
export async function insertExtension(
  fields: Pick<NewExtension, "number"> & Partial<NewExtension>,
): Promise<Extension> {
  const secret = [...randomBytes(24)].map((b) => BASE62[b % 62]).join("");
  const [row] = await db
    .insert(extensions)
    .values({ displayName: `Ext ${fields.number}`, secret: encryptSecret(secret), ...fields })
    .returning();
  return row!;
}

export async function auditFor(entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(desc(auditLog.id));
}

export async function pendingFor(entityId: string) {
  return db
    .select()
    .from(configChanges)
    .where(eq(configChanges.entityId, entityId))
    .orderBy(desc(configChanges.id));
}

/** Row counts that must not move when a save is refused. */
export async function countRows(): Promise<{ audit: number; pending: number }> {
  return {
    audit: await db.$count(auditLog),
    pending: await db.$count(configChanges, isNull(configChanges.revisionId)),
  };
}

/** Hostile strings for every field that reaches Asterisk config. */
export const INJECTION_CORPUS: readonly [string, string][] = [
  ["newline", "601\n[evil]"],
  ["trailing newline", "601\n"],
  ["carriage return", "601\rexten => _X.,1,System(id)"],
  ["semicolon", "601;comment"],
  ["section bracket", "[globals]"],
  ["#include", "#include /etc/passwd"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
  ["dialplan expression", "${SHELL(id)}"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the attack
  ["expression in digits", "6${SHELL(id)}"],
  ["ampersand", "601&602"],
  ["comma", "601,1"],
  ["close paren", "601)"],
  ["NUL", "601\u0000"],
  ["5,000 characters", "6".repeat(5000)],
  ["fullwidth digits", "１２３"],
  ["Cyrillic A", "А601"],
  ["tab", "601\t"],
  ["pipe", "601|602"],
];
