import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import { users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/settings/crypto";

// What the extension actions share: loading with locks, labels, and what the audit log may hold.

/** What the audit log may hold of an extension: never the secret, never the PIN. */
export function extensionAuditView(e: Extension, linkedUser: string | null) {
  return {
    number: e.number,
    displayName: e.displayName,
    linkedUser,
    enabled: e.enabled,
    webrtc: e.webrtc,
    codecs: e.codecs,
    maxContacts: e.maxContacts,
    voicemailEnabled: e.voicemailEnabled,
    voicemailPin: e.voicemailPin ? "[set]" : null,
    recordingPolicy: e.recordingPolicy,
    outboundCallerId: e.outboundCallerId,
    pickupGroup: e.pickupGroup,
    callWaiting: e.callWaiting,
    dnd: e.dnd,
    classOfService: e.classOfService,
  };
}

export function extensionLabel(e: Pick<Extension, "number" | "displayName">) {
  return `${e.number} ${e.displayName}`;
}

export async function linkedUserEmail(tx: Tx, number: string): Promise<string | null> {
  const [row] = await tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.extension, number))
    .orderBy(asc(users.name), asc(users.id))
    .limit(1);
  return row?.email ?? null;
}

export async function loadExtensionForUpdate(tx: Tx, id: string): Promise<Extension> {
  const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).for("update");
  if (!row) throw extensionNotFound();
  return row;
}

export async function loadExtensionsForUpdate(tx: Tx, ids: string[]): Promise<Extension[]> {
  const rows = await tx
    .select()
    .from(extensions)
    .where(inArray(extensions.id, ids))
    .orderBy(asc(extensions.number))
    .for("update");
  if (rows.length === 0) throw new AppError("not_found:extension", "Those extensions no longer exist.");
  return rows;
}

export function readExtensionSecret(row: Extension): string {
  try {
    return decryptSecret(row.secret);
  } catch (error) {
    throw new AppError(
      "unavailable:secret",
      "This secret cannot be decrypted with the current ENCRYPTION_KEY. Regenerate it.",
      { cause: error },
    );
  }
}

export function extensionNotFound() {
  return new AppError("not_found:extension", "That extension no longer exists.");
}
