"use server";

import { inArray, type SQL, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordConfigChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import { extensions } from "@/lib/db/schema/extensions";
import { users } from "@/lib/db/schema/users";
import { AppError } from "@/lib/errors";
import {
  IMPORT_CHUNK_SIZE,
  ImportFileError,
  type ImportRecord,
  importRecordSchema,
  MAX_IMPORT_CHARS,
  type RowError,
  readImportCsv,
} from "@/lib/extensions/csv-import";
import { checkImportRows, lockNumbers } from "@/lib/extensions/import-check";
import { generateSipSecret } from "@/lib/extensions/sip-secret";
import { encryptSecret } from "@/lib/settings/crypto";

export type PreviewRow = {
  line: number;
  record: ImportRecord;
  errors: RowError[];
  warnings: string[];
};

const previewSchema = z.object({
  csv: z
    .string({ message: "Choose a file or paste CSV text." })
    .max(MAX_IMPORT_CHARS, `The file is too large: keep it under ${Math.floor(MAX_IMPORT_CHARS / 1000)} KB.`),
});

/** Step 1: parses and checks every row on the server. Writes nothing, so it audits nothing. */
export const previewExtensionImport = action("extensions.write", previewSchema, async ({ csv }, { tx }) => {
  let rows: ReturnType<typeof readImportCsv>;
  try {
    rows = readImportCsv(csv);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    throw new AppError("bad_request:csv", error.message, { fieldErrors: { csv: [error.message] } });
  }
  const checked = await checkImportRows(tx, rows);
  const out: PreviewRow[] = checked.map((r) => ({
    line: r.line,
    record: r.record,
    errors: r.errors,
    warnings: r.warnings,
  }));
  const valid = out.filter((r) => r.errors.length === 0).length;
  return { data: { rows: out, valid, invalid: out.length - valid } };
});

const chunkSchema = z.object({
  rows: z
    .array(z.object({ line: z.number().int().min(1), record: importRecordSchema }))
    .min(1)
    .max(IMPORT_CHUNK_SIZE, `Send at most ${IMPORT_CHUNK_SIZE} rows at a time.`),
});

/**
 * Step 2, once per chunk of up to IMPORT_CHUNK_SIZE rows, in one transaction: checks the rows again
 * (never trusting the browser or an old preview), creates the valid ones with fresh secrets, links
 * users, and leaves one audit row and one pending change for the chunk.
 */
export const importExtensionsChunk = action(
  "extensions.write",
  chunkSchema,
  async ({ rows }, { tx, user }) => {
    await lockNumbers(
      tx,
      rows.map((r) => (r.record.number ?? "").trim()).filter((n) => /^[0-9]{2,8}$/.test(n)),
    );
    const checked = await checkImportRows(tx, rows);
    const valid = checked.filter((r) => r.values);
    const skipped = checked.filter((r) => !r.values).map((r) => ({ line: r.line, errors: r.errors }));
    if (valid.length === 0) return { data: { created: 0, skipped } };

    await tx.insert(extensions).values(
      valid.map((r) => ({
        ...r.values!,
        maxContacts: r.values!.maxContacts ?? 1,
        secret: encryptSecret(generateSipSecret()),
      })),
    );

    // Links: everyone else holding a linked number lets it go, then each chosen user takes theirs.
    const links = valid
      .filter((r) => r.userId)
      .map((r) => ({ userId: r.userId!, email: r.email!, number: r.values!.number }));
    const unlinked: { email: string; extension: string | null }[] = [];
    if (links.length) {
      const numbers = links.map((l) => l.number);
      const chosen = links.map((l) => l.userId);
      const others = sql`${users.extension} in ${numbers} and ${users.id} not in ${chosen}`;
      unlinked.push(
        ...(await tx
          .select({ email: users.email, extension: users.extension })
          .from(users)
          .where(others)
          .for("update")),
      );
      if (unlinked.length) await tx.update(users).set({ extension: null }).where(others);
      const cases: SQL[] = links.map((l) => sql`when ${users.id} = ${l.userId} then ${l.number}`);
      await tx
        .update(users)
        .set({ extension: sql`case ${sql.join(cases, sql` `)} end` })
        .where(inArray(users.id, chosen));
    }

    const numbers = valid.map((r) => r.values!.number);
    const span = `lines ${checked[0]!.line}–${checked.at(-1)!.line}`;
    await recordConfigChange(tx, {
      entity: "extension",
      entityId: null,
      entityLabel: `import of ${valid.length} extension${valid.length === 1 ? "" : "s"} (${span})`.slice(
        0,
        120,
      ),
      action: "bulk",
      userId: user.id,
    });
    revalidatePath("/extensions");
    return {
      data: { created: valid.length, skipped },
      audit: {
        action: "extension.bulk_create",
        entity: "extension",
        entityLabel: `CSV import, ${span}`,
        after: {
          created: valid.length,
          skipped: skipped.length,
          numbers,
          linked: links.map((l) => ({ user: l.email, extension: l.number })),
          unlinked: unlinked.map((u) => ({ user: u.email, extension: u.extension })),
        },
      },
    };
  },
);
