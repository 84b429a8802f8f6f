"use server";

import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordConfigChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import { getSetting } from "@/lib/db/queries/settings";
import { extensions } from "@/lib/db/schema/extensions";
import { users } from "@/lib/db/schema/users";
import { AppError, type Result } from "@/lib/errors";
import { credentialsMessage, loadSmtpConfig, sendMail } from "@/lib/extensions/credentials-mail";
import {
  extensionLabel,
  extensionNotFound,
  loadExtensionForUpdate,
  readExtensionSecret,
} from "@/lib/extensions/records";
import { generateSipSecret } from "@/lib/extensions/sip-secret";
import { log } from "@/lib/log";
import { encryptSecret } from "@/lib/settings/crypto";
import { extensionIdSchema } from "@/lib/validations/extension";

/** Hands the secret to the browser once, on request, for a user with extensions.secrets; audited. */
export const revealExtensionSecret = action(
  "extensions.secrets",
  extensionIdSchema,
  async ({ id }, { tx, user }) => {
    if (!user.permissions.has("extensions.read")) throw new AppError("forbidden:extensions.read");
    const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).limit(1);
    if (!row) throw extensionNotFound();
    return {
      data: { secret: readExtensionSecret(row) },
      audit: {
        action: "extension.reveal_secret",
        entity: "extension",
        entityId: id,
        entityLabel: extensionLabel(row),
      },
    };
  },
);

export const regenerateExtensionSecret = action(
  "extensions.write",
  extensionIdSchema,
  async ({ id }, { tx, user }) => {
    const row = await loadExtensionForUpdate(tx, id);
    await tx
      .update(extensions)
      .set({ secret: encryptSecret(generateSipSecret()) })
      .where(eq(extensions.id, id));
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: id,
      entityLabel: extensionLabel(row),
      action: "update",
      userId: user.id,
    });
    return {
      data: { id },
      audit: {
        action: "extension.regenerate_secret",
        entity: "extension",
        entityId: id,
        entityLabel: extensionLabel(row),
        after: { credentials: "regenerated" },
      },
    };
  },
);

/**
 * E-mails the SIP username and secret to the linked user. It needs extensions.secrets, not just
 * write: otherwise anyone who may link a user could link themselves and mail the secret out.
 * The mail goes out between two short transactions, never while one is open.
 */
export async function emailExtensionCredentials(input: { id: string }): Promise<Result<{ to: string }>> {
  const loaded = await loadCredentials(input);
  if (!loaded.ok) return loaded;
  const { to, ...credentials } = loaded.data;
  try {
    const smtp = await loadSmtpConfig();
    const wsUrl = await getSetting("sip.wsUrl");
    await sendMail(smtp, to, credentialsMessage({ ...credentials, wsUrl: wsUrl || undefined }));
  } catch (error) {
    const e = AppError.from(error);
    log[e.kind === "internal" ? "error" : "warn"](
      { err: error, extensionId: input.id },
      "credentials e-mail failed",
    );
    return { ok: false, error: e.toJSON() };
  }
  const audited = await auditCredentialsSent({ id: input.id, to });
  return audited.ok ? { ok: true, data: { to } } : audited;
}

const loadCredentials = action("extensions.secrets", extensionIdSchema, async ({ id }, { tx }) => {
  const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).limit(1);
  if (!row) throw extensionNotFound();
  const [linked] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.extension, row.number))
    .orderBy(asc(users.name), asc(users.id))
    .limit(1);
  if (!linked) {
    throw new AppError(
      "bad_request:no_user",
      "No user is linked to this extension. Link one first: the credentials go to their e-mail address.",
    );
  }
  return {
    data: {
      to: linked.email,
      toName: linked.name,
      number: row.number,
      displayName: row.displayName,
      secret: readExtensionSecret(row),
    },
  };
});

const auditCredentialsSent = action(
  "extensions.secrets",
  z.object({ id: z.string().uuid(), to: z.string().max(254) }),
  async ({ id, to }, { tx }) => {
    const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).limit(1);
    return {
      data: { id },
      audit: {
        action: "extension.email_credentials",
        entity: "extension",
        entityId: id,
        entityLabel: row ? extensionLabel(row) : null,
        after: { sentTo: to },
      },
    };
  },
);
