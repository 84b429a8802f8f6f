"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordConfigChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import { callerListAssignments, dids } from "@/lib/db/schema/inbound";
import { AppError } from "@/lib/errors";
import {
  DID_IMPORT_CHUNK_SIZE,
  DidImportFileError,
  type DidImportRecord,
  type DidRowError,
  didImportRecordSchema,
  MAX_DID_IMPORT_CHARS,
  readDidCsv,
} from "@/lib/routing/did-csv";
import { checkDidRows } from "@/lib/routing/did-import";

export type DidPreviewRow = { line: number; record: DidImportRecord; errors: DidRowError[] };

const previewSchema = z.object({
  csv: z
    .string({ message: "Choose a file or paste CSV text." })
    .max(
      MAX_DID_IMPORT_CHARS,
      `The file is too large: keep it under ${Math.floor(MAX_DID_IMPORT_CHARS / 1000)} KB.`,
    ),
});

/** Step 1: parses and checks every row on the server. Writes nothing, so it audits nothing. */
export const previewDidImport = action("inbound.write", previewSchema, async ({ csv }, { tx }) => {
  let rows: ReturnType<typeof readDidCsv>;
  try {
    rows = readDidCsv(csv);
  } catch (error) {
    if (!(error instanceof DidImportFileError)) throw error;
    throw new AppError("bad_request:csv", error.message, { fieldErrors: { csv: [error.message] } });
  }
  const checked = await checkDidRows(tx, rows);
  const out: DidPreviewRow[] = checked.map((r) => ({ line: r.line, record: r.record, errors: r.errors }));
  const valid = out.filter((r) => r.errors.length === 0).length;
  return { data: { rows: out, valid, invalid: out.length - valid } };
});

const chunkSchema = z.object({
  rows: z
    .array(z.object({ line: z.number().int().min(1), record: didImportRecordSchema }))
    .min(1)
    .max(DID_IMPORT_CHUNK_SIZE, `Send at most ${DID_IMPORT_CHUNK_SIZE} rows at a time.`),
});

/**
 * Step 2, once per chunk: checks the rows again (never trusting the browser or an old preview),
 * creates the valid ones with their list assignments, and leaves one audit row and one pending
 * change for the chunk.
 */
export const importDidsChunk = action("inbound.write", chunkSchema, async ({ rows }, { tx, user }) => {
  const checked = await checkDidRows(tx, rows);
  const valid = checked.filter((r) => r.values);
  const skipped = checked.filter((r) => !r.values).map((r) => ({ line: r.line, errors: r.errors }));
  if (valid.length === 0) return { data: { created: 0, skipped } };
  const inserted = await tx
    .insert(dids)
    .values(
      valid.map((r) => ({
        number: r.values!.number,
        description: r.values!.description,
        trunkName: r.values!.trunkName,
        destinationType: r.values!.destination.type,
        destinationTarget: r.values!.destination.target,
      })),
    )
    .returning({ id: dids.id, number: dids.number });
  const idByNumber = new Map(inserted.map((d) => [d.number, d.id]));
  const assignments = valid.flatMap((r) =>
    r.values!.lists.map((listId) => ({ listId, didId: idByNumber.get(r.values!.number)! })),
  );
  if (assignments.length) await tx.insert(callerListAssignments).values(assignments);
  const span = `lines ${checked[0]!.line}–${checked.at(-1)!.line}`;
  await recordConfigChange(tx, {
    entity: "did",
    entityId: null,
    entityLabel: `import of ${valid.length} inbound number${valid.length === 1 ? "" : "s"} (${span})`.slice(
      0,
      120,
    ),
    action: "bulk",
    userId: user.id,
  });
  revalidatePath("/dids");
  return {
    data: { created: valid.length, skipped },
    audit: {
      action: "did.bulk_create",
      entity: "did",
      entityLabel: `CSV import, ${span}`,
      after: { created: valid.length, skipped: skipped.length, numbers: valid.map((r) => r.values!.number) },
    },
  };
});
