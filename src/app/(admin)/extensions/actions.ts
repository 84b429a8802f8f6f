"use server";

import { eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import { assertNumberFree } from "@/lib/asterisk/numbering";
import { recordConfigChange, stageChange } from "@/lib/asterisk/pending";
import { type AuditNote, action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import { AppError } from "@/lib/errors";
import { sendDnd } from "@/lib/extensions/dnd";
import { applyUserLink } from "@/lib/extensions/linked-user";
import {
  extensionAuditView,
  extensionLabel,
  linkedUserEmail,
  loadExtensionForUpdate,
  loadExtensionsForUpdate,
} from "@/lib/extensions/records";
import { generateSipSecret } from "@/lib/extensions/sip-secret";
import { assertExtensionsUnused, findNumberReferences } from "@/lib/extensions/usage";
import type { AmiSend } from "@/lib/routing/astdb-sync";
import { encryptSecret } from "@/lib/settings/crypto";
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
  async (input, { tx, user, afterCommit }) => {
    await assertNumberFree(tx, input.number);
    const { userId, ...fields } = input;
    const [row] = await tx
      .insert(extensions)
      .values({ ...fields, maxContacts: fields.maxContacts ?? 1, secret: encryptSecret(generateSipSecret()) })
      .returning();
    // On create, "no user" leaves alone anyone whose own extension already is this number.
    const userNotes = await applyUserLink(tx, { number: row!.number, userId: userId ?? undefined });
    afterCommit(() => syncDnd(null, row!));
    revalidatePath("/extensions");
    return {
      data: { id: row!.id },
      audit: [
        await stageChange(tx, user.id, {
          entity: "extension",
          action: "create",
          entityId: row!.id,
          entityLabel: extensionLabel(row!),
          after: extensionAuditView(row!, await linkedUserEmail(tx, row!.number)),
        }),
        ...userNotes,
      ],
    };
  },
);

export const updateExtension = action(
  "extensions.write",
  updateExtensionSchema,
  async (input, { tx, user, afterCommit }) => {
    const before = await loadExtensionForUpdate(tx, input.id);
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
    const linkedBefore = await linkedUserEmail(tx, before.number);
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
    afterCommit(() => syncDnd(before, after!));
    const beforeView = extensionAuditView(before, linkedBefore);
    const afterView = extensionAuditView(after!, await linkedUserEmail(tx, after!.number));
    if (before.voicemailPin !== after!.voicemailPin && after!.voicemailPin)
      afterView.voicemailPin = "[changed]";
    if (JSON.stringify(beforeView) === JSON.stringify(afterView) && userNotes.length === 0) {
      return { data: { id, changed: false } };
    }
    revalidatePath("/extensions");
    return {
      data: { id, changed: true },
      audit: [
        await stageChange(tx, user.id, {
          entity: "extension",
          action: "update",
          entityId: id,
          entityLabel: extensionLabel(after!),
          before: beforeView,
          after: afterView,
        }),
        ...userNotes,
      ],
    };
  },
);

export const deleteExtension = action(
  "extensions.write",
  extensionIdSchema,
  async ({ id }, { tx, user, afterCommit }) => {
    const row = await loadExtensionForUpdate(tx, id);
    const notes = await deleteRows(tx, [row], user.id);
    afterCommit(() => syncDnd(row, null));
    revalidatePath("/extensions");
    return { data: { deleted: 1 }, audit: notes };
  },
);

export const bulkDeleteExtensions = action(
  "extensions.write",
  bulkIdsSchema,
  async ({ ids }, { tx, user, afterCommit }) => {
    const rows = await loadExtensionsForUpdate(tx, ids);
    const notes = await deleteRows(tx, rows, user.id);
    afterCommit(async () => {
      for (const row of rows) await syncDnd(row, null);
    });
    revalidatePath("/extensions");
    return { data: { deleted: rows.length }, audit: notes };
  },
);

export const bulkSetExtensionsEnabled = action(
  "extensions.write",
  bulkEnableSchema,
  async ({ ids, enabled }, { tx, user }) => {
    const rows = await loadExtensionsForUpdate(tx, ids);
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
        entityLabel: extensionLabel(r),
        action: "update",
        userId: user.id,
      });
      notes.push({
        action: enabled ? "extension.enable" : "extension.disable",
        entity: "extension",
        entityId: r.id,
        entityLabel: extensionLabel(r),
        before: { enabled: r.enabled },
        after: { enabled },
      });
    }
    revalidatePath("/extensions");
    return { data: { changed: changing.length, unchanged: rows.length - changing.length }, audit: notes };
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
    const linked = await linkedUserEmail(tx, r.number);
    userNotes.push(...(await applyUserLink(tx, { number: r.number, userId: null })));
    notes.push(
      await stageChange(tx, userId, {
        entity: "extension",
        action: "delete",
        entityId: r.id,
        entityLabel: extensionLabel(r),
        before: extensionAuditView(r, linked),
      }),
    );
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

/**
 * Do not disturb takes effect at once, not at the next apply (it is AstDB, not config): after the
 * commit, the old number leaves and the new one joins AstDB's DND family as needed. If Asterisk
 * can't be reached now, the listener's reconcile on its next connect catches up.
 */
async function syncDnd(
  before: Pick<Extension, "number" | "dnd"> | null,
  after: Pick<Extension, "number" | "dnd"> | null,
): Promise<void> {
  const send: AmiSend = (name, headers) => appAmiAction(name, headers);
  if (before?.dnd && (!after?.dnd || after.number !== before.number))
    await sendDnd(send, before.number, false);
  if (after?.dnd && (!before?.dnd || after.number !== before.number)) await sendDnd(send, after.number, true);
}
