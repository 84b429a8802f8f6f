import "server-only";
import { and, asc, eq, getTableColumns, gt, ilike, or, type SQL, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import { users } from "@/lib/db/schema/users";
import { decodeCursor, encodeCursor, likeContains, PAGE_SIZE, type Page } from "./pagination";

/** An extension as pages may see it: never the secret, and only whether a voicemail PIN is set. */
export type ExtensionView = Omit<Extension, "secret" | "voicemailPin"> & {
  hasVoicemailPin: boolean;
  linkedUser: LinkedUser | null;
};
export type LinkedUser = { id: string; name: string; email: string };

export type ExtensionListRow = Pick<
  Extension,
  "id" | "number" | "displayName" | "enabled" | "webrtc" | "voicemailEnabled" | "recordingPolicy"
> & { linkedUser: LinkedUser | null };

/** The sort orders the list offers; a `sort` parameter outside this list means the default. */
export const EXTENSION_SORTS = {
  number: { label: "Number", column: extensions.number },
  name: { label: "Name", column: extensions.displayName },
} as const;
export type ExtensionSort = keyof typeof EXTENSION_SORTS;

export function toExtensionSort(value: string | undefined): ExtensionSort {
  return value && Object.hasOwn(EXTENSION_SORTS, value) ? (value as ExtensionSort) : "number";
}

type Cursor = { k: string; id: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as Cursor).k === "string" &&
  typeof (v as Cursor).id === "string";

/**
 * Extensions by number (the default) or by name, each with id as the tie-breaker, keyset-paged.
 * Search matches the number or the display name.
 */
export async function listExtensions({
  q,
  sort = "number",
  cursor,
  limit = PAGE_SIZE,
}: {
  q?: string;
  sort?: ExtensionSort;
  cursor?: string;
  limit?: number;
}): Promise<Page<ExtensionListRow>> {
  const key = EXTENSION_SORTS[sort].column;
  const after = decodeCursor(cursor, isCursor);
  const search = q?.trim();
  const rows = await db
    .select({
      id: extensions.id,
      number: extensions.number,
      displayName: extensions.displayName,
      enabled: extensions.enabled,
      webrtc: extensions.webrtc,
      voicemailEnabled: extensions.voicemailEnabled,
      recordingPolicy: extensions.recordingPolicy,
      linkedUser: linkedUserSql(),
    })
    .from(extensions)
    .where(
      and(
        search
          ? or(
              ilike(extensions.number, likeContains(search)),
              ilike(extensions.displayName, likeContains(search)),
            )
          : undefined,
        after ? or(gt(key, after.k), and(eq(key, after.k), gt(extensions.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(key), asc(extensions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ k: sort === "name" ? last.displayName : last.number, id: last.id })
        : null,
  };
}

export async function getExtensionById({ id }: { id: string }): Promise<ExtensionView | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { secret: _secret, voicemailPin: _pin, ...columns } = getTableColumns(extensions);
  const [row] = await db
    .select({
      ...columns,
      hasVoicemailPin: sql<boolean>`${extensions.voicemailPin} is not null`,
      linkedUser: linkedUserSql(),
    })
    .from(extensions)
    .where(eq(extensions.id, id))
    .limit(1);
  return row;
}

export type LinkableUser = { id: string; name: string; email: string; extension: string | null };

/** Users the form offers for linking, with the extension each is linked to now. */
export async function listLinkableUsers(): Promise<LinkableUser[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, extension: users.extension })
    .from(users)
    .orderBy(asc(users.name), asc(users.id))
    .limit(1000);
}

/**
 * The user linked to the extension: users.extension holds the number. Should several users
 * carry the same number (set by hand on the users page), the first by name wins.
 */
function linkedUserSql(): SQL<LinkedUser | null> {
  return sql<LinkedUser | null>`(
    select json_build_object('id', u.id, 'name', u.name, 'email', u.email)
    from ${users} u where u.extension = ${extensions.number}
    order by u.name, u.id limit 1
  )`.mapWith((v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as LinkedUser | null);
}

export type DirectoryEntry = Pick<Extension, "number" | "displayName">;

/** The phone's dial search: enabled extensions whose number or name matches, at most `limit`. */
export async function searchExtensionDirectory({
  q,
  limit = 8,
}: {
  q: string;
  limit?: number;
}): Promise<DirectoryEntry[]> {
  const search = q.trim();
  return db
    .select({ number: extensions.number, displayName: extensions.displayName })
    .from(extensions)
    .where(
      and(
        eq(extensions.enabled, true),
        search
          ? or(
              ilike(extensions.number, likeContains(search)),
              ilike(extensions.displayName, likeContains(search)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(extensions.number))
    .limit(Math.min(Math.max(1, limit), 20));
}
