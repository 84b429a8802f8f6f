import { unlink } from "node:fs/promises";
import { asc, inArray, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { resolveUnderRoot } from "./safe-path";

export type RetentionItem = {
  id: string;
  linkedid: string;
  path: string;
  bytes: number;
  fileMtime: Date;
  /** After a real run: whether the file was removed (false: it was already gone or unsafe). */
  fileRemoved?: boolean;
};
export type RetentionResult = { days: number | null; cutoff: Date | null; items: RetentionItem[] };

/** Parses the `general.retentionDays` setting: empty, 0 or garbage means off (null). */
export function retentionDays(value: string | undefined | null): number | null {
  if (!value || !/^\d{1,5}$/.test(value.trim())) return null;
  const n = Number(value.trim());
  return n >= 1 ? n : null;
}

/**
 * Recordings older than `days` (by file time). With `apply`, each file is removed (only when
 * its real path lies under the root) and then its row; the list says what went.
 */
export async function runRetention({
  db,
  root,
  days,
  apply,
  now = new Date(),
  limit = 5_000,
}: {
  db: Db;
  root: string;
  days: number | null;
  apply: boolean;
  now?: Date;
  limit?: number;
}): Promise<RetentionResult> {
  if (!days) return { days: null, cutoff: null, items: [] };
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const rows = await db
    .select({
      id: recordings.id,
      linkedid: recordings.linkedid,
      path: recordings.path,
      bytes: recordings.bytes,
      fileMtime: recordings.fileMtime,
    })
    .from(recordings)
    .where(lt(recordings.fileMtime, cutoff))
    .orderBy(asc(recordings.fileMtime))
    .limit(limit);
  if (!apply) return { days, cutoff, items: rows };
  const items: RetentionItem[] = [];
  for (const row of rows) {
    const real = await resolveUnderRoot(root, row.path);
    let fileRemoved = false;
    if (real)
      fileRemoved = await unlink(real).then(
        () => true,
        () => false,
      );
    items.push({ ...row, fileRemoved });
  }
  if (items.length) {
    await db.delete(recordings).where(
      inArray(
        recordings.id,
        items.map((i) => i.id),
      ),
    );
  }
  return { days, cutoff, items };
}
