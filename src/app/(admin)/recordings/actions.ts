"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { getSetting } from "@/lib/db/queries/settings";
import { AppError } from "@/lib/errors";
import { indexRecordings } from "@/lib/recordings/indexer";
import { retentionDays, runRetention } from "@/lib/recordings/retention";
import { recordingsRoot } from "@/lib/recordings/root";
import { retentionSchema } from "@/lib/validations/qa";

/** Preview (apply: false) or run the retention job; the result lists every recording concerned. */
export const applyRetention = action("settings.write", retentionSchema, async ({ apply }, { tx }) => {
  const root = requireRoot();
  const days = retentionDays(await getSetting("general.retentionDays", tx));
  if (!days)
    throw new AppError(
      "bad_request:retention",
      "Retention is off: set the retention days in Settings first.",
    );
  const result = await runRetention({ db: tx, root, days, apply });
  const items = result.items.map((i) => ({ ...i, fileMtime: i.fileMtime.toISOString() }));
  if (apply) revalidatePath("/recordings");
  return {
    data: { days, cutoff: result.cutoff?.toISOString() ?? null, applied: apply, items },
    audit: apply
      ? {
          action: "recording.retention",
          entity: "recording",
          entityLabel: `Deleted ${items.length} recording(s) older than ${days} days`,
          after: { days, count: items.length, paths: items.slice(0, 200).map((i) => i.path) },
        }
      : undefined,
  };
});

export const reindexRecordings = action("recordings.listen", z.object({}), async (_input, { tx }) => {
  const result = await indexRecordings({ root: requireRoot(), db: tx });
  revalidatePath("/recordings");
  return { data: result };
});

function requireRoot(): string {
  const root = recordingsRoot();
  if (!root)
    throw new AppError(
      "unavailable:recordings",
      "ASTERISK_SPOOL_DIR is not set, so there is no recordings root.",
    );
  return root;
}
