"use server";

import { asc, eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { recordConfigChange } from "@/lib/asterisk/pending";
import { type AuditNote, action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { getSetting } from "@/lib/db/queries/settings";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import { users } from "@/lib/db/schema/users";
import { AppError, type Result } from "@/lib/errors";
import { credentialsMessage, loadSmtpConfig, sendMail } from "@/lib/extensions/credentials-mail";
import { applyUserLink } from "@/lib/extensions/linked-user";
import { generateSipSecret } from "@/lib/extensions/sip-secret";
import { assertExtensionsUnused, findNumberReferences } from "@/lib/extensions/usage";
import { log } from "@/lib/log";
import { decryptSecret, encryptSecret } from "@/lib/settings/crypto";
import {
  bulkEnableSchema,
  bulkIdsSchema,
  createExtensionSchema,
  extensionIdSchema,
  updateExtensionSchema,
} from "@/lib/validations/extension";

export const createExtension = action(
  "extensions.write",
  createExtensionSchema,
  async (input, { tx, user }) => {
    await assertNumberFree(tx, input.number);
    const { userId, ...fields } = input;
    const [row] = await tx
      .insert(extensions)
      .values({ ...fields, maxContacts: fields.maxContacts ?? 1, secret: encryptSecret(generateSipSecret()) })
      .returning();
    // On create, "no user" leaves alone anyone whose own extension already is this number.
    const userNotes = await applyUserLink(tx, { number: row!.number, userId: userId ?? undefined });
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: row!.id,
      entityLabel: label(row!),
      action: "create",
      userId: user.id,
    });
    revalidatePath("/extensions");
    return {
      data: { id: row!.id },
      audit: [
        {
          action: "extension.create",
          entity: "extension",
          entityId: row!.id,
          entityLabel: label(row!),
          after: auditView(row!, await linkedEmail(tx, row!.number)),
        },
        ...userNotes,
      ],
    };
  },
);

export const updateExtension = action(
  "extensions.write",
  updateExtensionSchema,
  async (input, { tx, user }) => {
    const before = await loadForUpdate(tx, input.id);
    if (input.number !== before.number) {
      await assertNumberFree(tx, input.number, { id: before.id });
      await refuseIfReferenced(tx, before.number, ["extension", "voicemail"], "number", "Renumbering");
    }
    if (before.voicemailEnabled && !input.voicemailEnabled)
      await refuseIfReferenced(tx, before.number, ["voicemail"], "voicemailEnabled", "Turning voicemail off");
    // An empty PIN keeps the stored one; voicemail still needs one in the end.
    const pin = input.voicemailPin ?? before.voicemailPin;
    if (input.voicemailEnabled && !pin) {
      throw new AppError("bad_request:input", "Please correct the highlighted fields.", {
        fieldErrors: { voicemailPin: ["Voicemail needs a PIN of 4 to 10 digits."] },
      });
    }
    const linkedBefore = await linkedEmail(tx, before.number);
    const { id, userId, ...fields } = input;
    const [after] = await tx
      .update(extensions)
      .set({ ...fields, maxContacts: fields.maxContacts ?? before.maxContacts, voicemailPin: pin })
      .where(eq(extensions.id, id))
      .returning();
    const userNotes = await applyUserLink(tx, {
      number: after!.number,
      previousNumber: before.number,
      userId,
    });
    const beforeView = auditView(before, linkedBefore);
    const afterView = auditView(after!, await linkedEmail(tx, after!.number));
    if (before.voicemailPin !== after!.voicemailPin && after!.voicemailPin)
      afterView.voicemailPin = "[changed]";
    if (JSON.stringify(beforeView) === JSON.stringify(afterView) && userNotes.length === 0) {
      return { data: { id, changed: false } };
    }
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: id,
      entityLabel: label(after!),
      action: "update",
      userId: user.id,
    });
    revalidatePath("/extensions");
    return {
      data: { id, changed: true },
      audit: [
        {
          action: "extension.update",
          entity: "extension",
          entityId: id,
          entityLabel: label(after!),
          before: beforeView,
          after: afterView,
        },
        ...userNotes,
      ],
    };
  },
);

export const deleteExtension = action("extensions.write", extensionIdSchema, async ({ id }, { tx, user }) => {
  const notes = await deleteRows(tx, [await loadForUpdate(tx, id)], user.id);
  revalidatePath("/extensions");
  return { data: { deleted: 1 }, audit: notes };
});

export const bulkDeleteExtensions = action(
  "extensions.write",
  bulkIdsSchema,
  async ({ ids }, { tx, user }) => {
    const rows = await loadManyForUpdate(tx, ids);
    const notes = await deleteRows(tx, rows, user.id);
    revalidatePath("/extensions");
    return { data: { deleted: rows.length }, audit: notes };
  },
);

export const bulkSetExtensionsEnabled = action(
  "extensions.write",
  bulkEnableSchema,
  async ({ ids, enabled }, { tx, user }) => {
    const rows = await loadManyForUpdate(tx, ids);
    const changing = rows.filter((r) => r.enabled !== enabled);
    if (changing.length) {
      await tx
        .update(extensions)
        .set({ enabled })
        .where(
          inArray(
            extensions.id,
            changing.map((r) => r.id),
          ),
        );
    }
    const notes: AuditNote[] = [];
    for (const r of changing) {
      await recordConfigChange(tx, {
        entity: "extension",
        entityId: r.id,
        entityLabel: label(r),
        action: "update",
        userId: user.id,
      });
      notes.push({
        action: enabled ? "extension.enable" : "extension.disable",
        entity: "extension",
        entityId: r.id,
        entityLabel: label(r),
        before: { enabled: r.enabled },
        after: { enabled },
      });
    }
    revalidatePath("/extensions");
    return { data: { changed: changing.length, unchanged: rows.length - changing.length }, audit: notes };
  },
);

/** Hands the secret to the browser once, on request, for a user with extensions.secrets; audited. */
export const revealExtensionSecret = action(
  "extensions.secrets",
  extensionIdSchema,
  async ({ id }, { tx, user }) => {
    if (!user.permissions.has("extensions.read")) throw new AppError("forbidden:extensions.read");
    const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).limit(1);
    if (!row) throw notFound();
    return {
      data: { secret: readSecret(row) },
      audit: {
        action: "extension.reveal_secret",
        entity: "extension",
        entityId: id,
        entityLabel: label(row),
      },
    };
  },
);

export const regenerateExtensionSecret = action(
  "extensions.write",
  extensionIdSchema,
  async ({ id }, { tx, user }) => {
    const row = await loadForUpdate(tx, id);
    await tx
      .update(extensions)
      .set({ secret: encryptSecret(generateSipSecret()) })
      .where(eq(extensions.id, id));
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: id,
      entityLabel: label(row),
      action: "update",
      userId: user.id,
    });
    return {
      data: { id },
      audit: {
        action: "extension.regenerate_secret",
        entity: "extension",
        entityId: id,
        entityLabel: label(row),
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
  if (!row) throw notFound();
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
      secret: readSecret(row),
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
        entityLabel: row ? label(row) : null,
        after: { sentTo: to },
      },
    };
  },
);

/** Deletes extensions nothing uses any more, unlinks their users, and notes each as pending. */
async function deleteRows(tx: Tx, rows: Extension[], userId: string): Promise<AuditNote[]> {
  await assertExtensionsUnused(
    tx,
    rows.map((r) => r.id),
  );
  const notes: AuditNote[] = [];
  const userNotes: AuditNote[] = [];
  for (const r of rows) {
    const linked = await linkedEmail(tx, r.number);
    userNotes.push(...(await applyUserLink(tx, { number: r.number, userId: null })));
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: r.id,
      entityLabel: label(r),
      action: "delete",
      userId,
    });
    notes.push({
      action: "extension.delete",
      entity: "extension",
      entityId: r.id,
      entityLabel: label(r),
      before: auditView(r, linked),
    });
  }
  await tx.delete(extensions).where(
    inArray(
      extensions.id,
      rows.map((r) => r.id),
    ),
  );
  return [...notes, ...userNotes];
}

/** Groups and queues route calls to the number itself: a change that breaks them is refused. */
async function refuseIfReferenced(
  tx: Tx,
  number: string,
  types: ("extension" | "voicemail")[],
  field: string,
  change: string,
) {
  const refs = await findNumberReferences(tx, [number], types);
  if (refs.length === 0) return;
  const message = `${change} would break ${refs.map((r) => r.usedBy).join(", ")}. Change ${refs.length > 1 ? "them" : "it"} first.`;
  throw new AppError("conflict:extension_in_use", message, { fieldErrors: { [field]: [message] } });
}

/** What the audit log may hold of an extension: never the secret, never the PIN. */
function auditView(e: Extension, linkedUser: string | null) {
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
  };
}

function label(e: Pick<Extension, "number" | "displayName">) {
  return `${e.number} ${e.displayName}`;
}

async function linkedEmail(tx: Tx, number: string): Promise<string | null> {
  const [row] = await tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.extension, number))
    .orderBy(asc(users.name), asc(users.id))
    .limit(1);
  return row?.email ?? null;
}

async function loadForUpdate(tx: Tx, id: string): Promise<Extension> {
  const [row] = await tx.select().from(extensions).where(eq(extensions.id, id)).for("update");
  if (!row) throw notFound();
  return row;
}

async function loadManyForUpdate(tx: Tx, ids: string[]): Promise<Extension[]> {
  const rows = await tx
    .select()
    .from(extensions)
    .where(inArray(extensions.id, ids))
    .orderBy(asc(extensions.number))
    .for("update");
  if (rows.length === 0) throw new AppError("not_found:extension", "Those extensions no longer exist.");
  return rows;
}

function readSecret(row: Extension): string {
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

function notFound() {
  return new AppError("not_found:extension", "That extension no longer exists.");
}
