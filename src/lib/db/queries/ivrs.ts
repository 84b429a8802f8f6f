import "server-only";
import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "@/lib/db/client";
import { ivrs, ivrVersions, mohClasses, mohClassSounds, sounds, timeConditions } from "@/lib/db/schema/ivr";
import { users } from "@/lib/db/schema/users";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

type NumberCursor = { len: number; number: string };
const isNumberCursor = (v: unknown): v is NumberCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as NumberCursor).len === "number" &&
  typeof (v as NumberCursor).number === "string";
type NameCursor = { name: string };
const isNameCursor = (v: unknown): v is NameCursor =>
  typeof v === "object" && v !== null && typeof (v as NameCursor).name === "string";

/** Keyset paging in number order (shorter numbers first), with an optional number/name search. */
async function pageByNumber<T extends { number: string }>(
  run: (where: ReturnType<typeof and>, order: ReturnType<typeof asc>[], limit: number) => Promise<T[]>,
  numberCol: AnyPgColumn,
  nameCol: AnyPgColumn,
  { q, cursor, limit = PAGE_SIZE }: { q?: string; cursor?: string; limit?: number },
): Promise<Page<T>> {
  const after = decodeCursor(cursor, isNumberCursor);
  const search = q?.trim();
  const rows = await run(
    and(
      search ? or(ilike(numberCol, likeContains(search)), ilike(nameCol, likeContains(search))) : undefined,
      after ? sql`(char_length(${numberCol}), ${numberCol}) > (${after.len}, ${after.number})` : undefined,
    ),
    [asc(sql`char_length(${numberCol})`), asc(numberCol)],
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ len: last.number.length, number: last.number }) : null,
  };
}

export function listIvrs(opts: { q?: string; cursor?: string; limit?: number }) {
  return pageByNumber(
    (where, order, limit) =>
      db
        .select({
          id: ivrs.id,
          number: ivrs.number,
          name: ivrs.name,
          version: ivrs.version,
          updatedAt: ivrs.updatedAt,
        })
        .from(ivrs)
        .where(where)
        .orderBy(...order)
        .limit(limit),
    ivrs.number,
    ivrs.name,
    opts,
  );
}

export async function getIvrById({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(ivrs).where(eq(ivrs.id, id)).limit(1);
  return row;
}

export async function listIvrVersions({ ivrId }: { ivrId: string }) {
  return db
    .select({
      version: ivrVersions.version,
      note: ivrVersions.note,
      createdAt: ivrVersions.createdAt,
      savedBy: users.email,
      steps: sql<number>`jsonb_array_length(${ivrVersions.graph} -> 'nodes')`,
    })
    .from(ivrVersions)
    .leftJoin(users, eq(users.id, ivrVersions.savedBy))
    .where(eq(ivrVersions.ivrId, ivrId))
    .orderBy(desc(ivrVersions.version))
    .limit(100);
}

export function listTimeConditions(opts: { q?: string; cursor?: string; limit?: number }) {
  return pageByNumber(
    (where, order, limit) =>
      db
        .select()
        .from(timeConditions)
        .where(where)
        .orderBy(...order)
        .limit(limit),
    timeConditions.number,
    timeConditions.name,
    opts,
  );
}

export async function getTimeConditionById({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(timeConditions).where(eq(timeConditions.id, id)).limit(1);
  return row;
}

/** Sounds by name, keyset-paged, with how many MOH classes use each. */
export async function listSounds({
  q,
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  cursor?: string;
  limit?: number;
}): Promise<Page<typeof sounds.$inferSelect & { classCount: number }>> {
  const after = decodeCursor(cursor, isNameCursor);
  const search = q?.trim();
  const rows = await db
    .select({
      id: sounds.id,
      name: sounds.name,
      sourceFormat: sounds.sourceFormat,
      bytes: sounds.bytes,
      durationMs: sounds.durationMs,
      uploadedBy: sounds.uploadedBy,
      createdAt: sounds.createdAt,
      updatedAt: sounds.updatedAt,
      classCount: sql<number>`(select count(*)::int from ${mohClassSounds} m where m.sound_id = ${sounds.id})`,
    })
    .from(sounds)
    .where(
      and(
        search ? ilike(sounds.name, likeContains(search)) : undefined,
        after ? sql`${sounds.name} > ${after.name}` : undefined,
      ),
    )
    .orderBy(asc(sounds.name))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name }) : null };
}

export async function getSoundById({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(sounds).where(eq(sounds.id, id)).limit(1);
  return row;
}

/** Every sound, for pickers (the library is small: hundreds, not thousands). */
export async function listSoundOptions(): Promise<{ id: string; name: string; durationMs: number }[]> {
  return db
    .select({ id: sounds.id, name: sounds.name, durationMs: sounds.durationMs })
    .from(sounds)
    .orderBy(asc(sounds.name))
    .limit(2000);
}

export async function listMohClasses() {
  const classes = await db.select().from(mohClasses).orderBy(asc(mohClasses.name)).limit(500);
  const members = await db
    .select({
      classId: mohClassSounds.classId,
      soundId: sounds.id,
      name: sounds.name,
      position: mohClassSounds.position,
    })
    .from(mohClassSounds)
    .innerJoin(sounds, eq(sounds.id, mohClassSounds.soundId))
    .orderBy(asc(mohClassSounds.classId), asc(mohClassSounds.position));
  return classes.map((c) => ({
    ...c,
    sounds: members.filter((m) => m.classId === c.id).map((m) => ({ id: m.soundId, name: m.name })),
  }));
}

export async function getMohClassById({ id }: { id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(mohClasses).where(eq(mohClasses.id, id)).limit(1);
  if (!row) return undefined;
  const members = await db
    .select({ id: sounds.id, name: sounds.name })
    .from(mohClassSounds)
    .innerJoin(sounds, eq(sounds.id, mohClassSounds.soundId))
    .where(eq(mohClassSounds.classId, id))
    .orderBy(asc(mohClassSounds.position));
  return { ...row, sounds: members };
}

/** Class names for the queue form's music-on-hold picker ("default" is always offered). */
export async function listMohClassNames(): Promise<string[]> {
  const rows = await db.select({ name: mohClasses.name }).from(mohClasses).orderBy(asc(mohClasses.name));
  return rows.map((r) => r.name);
}
