import "server-only";
import { and, desc, eq, gte, isNull, lt, or } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { cdr } from "@/lib/db/schema/live";
import { qaReviews, type Recording, recordings } from "@/lib/db/schema/recordings";
import { UUID } from "@/lib/recordings/access";
import { decodeCursor, encodeCursor, PAGE_SIZE, type Page } from "./pagination";

export async function getRecordingById({ id }: { id: string }): Promise<Recording | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(recordings).where(eq(recordings.id, id)).limit(1);
  return row;
}

/** A call's recordings, found by Linkedid (indexed). */
export async function listRecordingsForCall({ linkedid }: { linkedid: string }): Promise<Recording[]> {
  return db.select().from(recordings).where(eq(recordings.linkedid, linkedid)).orderBy(recordings.fileMtime);
}

export async function listCallLegs({ linkedid }: { linkedid: string }) {
  return db
    .select({
      src: cdr.src,
      dst: cdr.dst,
      channel: cdr.channel,
      dstchannel: cdr.dstchannel,
      clid: cdr.clid,
      calldate: cdr.calldate,
    })
    .from(cdr)
    .where(eq(cdr.linkedid, linkedid))
    .orderBy(cdr.calldate);
}

type Cursor = [string, string];
const isCursor = (v: unknown): v is Cursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string";

export type RecordingRow = Recording & { reviewId: string | null; reviewScore: number | null };

/** Newest first, keyset-paged on (fileMtime, id); `unreviewed` keeps those without a QA review. */
export async function listRecordings({
  cursor,
  since,
  linkedid,
  unreviewed = false,
  limit = PAGE_SIZE,
}: {
  cursor?: string | null;
  since?: Date;
  linkedid?: string;
  unreviewed?: boolean;
  limit?: number;
} = {}): Promise<Page<RecordingRow>> {
  const after = decodeCursor(cursor, isCursor);
  const rows = await db
    .select({ r: recordings, reviewId: qaReviews.id, reviewScore: qaReviews.score })
    .from(recordings)
    .leftJoin(qaReviews, eq(qaReviews.recordingId, recordings.id))
    .where(
      and(
        since ? gte(recordings.fileMtime, since) : undefined,
        linkedid ? eq(recordings.linkedid, linkedid) : undefined,
        unreviewed ? isNull(qaReviews.id) : undefined,
        after
          ? or(
              lt(recordings.fileMtime, new Date(after[0])),
              and(eq(recordings.fileMtime, new Date(after[0])), lt(recordings.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(recordings.fileMtime), desc(recordings.id))
    .limit(limit + 1);
  const page = rows
    .slice(0, limit)
    .map((x) => ({ ...x.r, reviewId: x.reviewId, reviewScore: x.reviewScore }));
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor([last.fileMtime.toISOString(), last.id]) : null,
  };
}
