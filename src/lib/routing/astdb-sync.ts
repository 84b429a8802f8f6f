import { and, asc, isNotNull, lte } from "drizzle-orm";
import { ALLOW } from "@/lib/asterisk/allowlists";
import { AmiError } from "@/lib/asterisk/ami/ami-error";
import type { AmiReply } from "@/lib/asterisk/ami/pending-actions";
import type { AmiActionHeaders } from "@/lib/asterisk/ami/serialize-action";
import type { Db, Tx } from "@/lib/db/client";
import { configChanges } from "@/lib/db/schema/config";
import { callerListEntries, callerLists } from "@/lib/db/schema/inbound";

/**
 * Block and allow lists in AstDB. Exact numbers live there as `sblist/<list id>/<number>` =
 * expiry (Unix seconds, 0 = never), so [sb-list-match] sees an added or removed number on the next
 * call, with no dialplan reload. Pattern entries are compiled into the dialplan instead (they need
 * Asterisk's pattern matcher), so they change with the next apply.
 *
 * Writes happen right after the database commit; when Asterisk is unreachable then, the reconcile
 * (every apply, every listener (re)connect) brings AstDB back in line with the database.
 */
export type AmiSend = (action: string, headers: AmiActionHeaders) => Promise<AmiReply>;

export type AstdbEntry = { listId: string; value: string; expiresAt: Date | null };

export const ASTDB_ROOT = "sblist";

/** The AstDB family of a list; throws for anything but a plain identifier (it reaches AMI). */
export function listFamily(listId: string): string {
  if (!ALLOW.identifier.test(listId)) throw new Error(`astdb: refused list id ${JSON.stringify(listId)}`);
  return `${ASTDB_ROOT}/${listId}`;
}

/** Only exact numbers go to AstDB; a value that isn't a plain dial string never reaches AMI. */
export function isAstdbValue(value: string): boolean {
  return ALLOW.dial.test(value);
}

export function expiryValue(expiresAt: Date | null): string {
  return expiresAt ? String(Math.floor(expiresAt.getTime() / 1000)) : "0";
}

/** Applies one list's changes: puts (new or changed expiry) and deletes. */
export async function syncEntries(
  send: AmiSend,
  change: { put?: AstdbEntry[]; del?: { listId: string; value: string }[] },
): Promise<{ sent: number }> {
  let sent = 0;
  for (const e of change.put ?? []) {
    if (!isAstdbValue(e.value)) continue;
    await send("DBPut", { Family: listFamily(e.listId), Key: e.value, Val: expiryValue(e.expiresAt) });
    sent++;
  }
  for (const e of change.del ?? []) {
    if (!isAstdbValue(e.value)) continue;
    await send("DBDel", { Family: listFamily(e.listId), Key: e.value }).catch(ignoreNotFound);
    sent++;
  }
  return { sent };
}

/** Drops a whole list's family (the list was deleted). */
export async function dropList(send: AmiSend, listId: string): Promise<void> {
  await send("DBDelTree", { Family: listFamily(listId) }).catch(ignoreNotFound);
}

/**
 * Makes AstDB hold exactly the database's exact-number entries, changing only what differs: one
 * DBGetTree of the whole `sblist` family, then DBPut for what is missing or has another expiry
 * and DBDel for what the database no longer has (lists deleted while Asterisk was away included).
 * Nothing is cleared first, so a blocked caller is never let through while it runs. Entries
 * already expired are left out.
 */
export async function reconcileAstdb(
  exec: Db | Tx,
  send: AmiSend,
  now = new Date(),
): Promise<{ lists: number; entries: number; put: number; deleted: number }> {
  const rows = await exec
    .select({
      listId: callerListEntries.listId,
      value: callerListEntries.value,
      expiresAt: callerListEntries.expiresAt,
    })
    .from(callerListEntries)
    .orderBy(asc(callerListEntries.listId), asc(callerListEntries.value));
  const lists = await exec.select({ id: callerLists.id }).from(callerLists);
  const want = new Map<string, AstdbEntry>();
  for (const r of rows) {
    if (!isAstdbValue(r.value) || (r.expiresAt && r.expiresAt <= now)) continue;
    want.set(`${r.listId}/${r.value}`, r);
  }
  const have = new Map<string, { listId: string; value: string; val: string }>();
  const prefix = `/${ASTDB_ROOT}/`;
  for (const { event, fields } of (await send("DBGetTree", { Family: ASTDB_ROOT })).events) {
    if (event !== "DBGetTreeResponse" || !fields.Key?.startsWith(prefix)) continue;
    const [listId = "", value = "", ...rest] = fields.Key.slice(prefix.length).split("/");
    if (rest.length || !ALLOW.identifier.test(listId) || !isAstdbValue(value)) continue;
    have.set(`${listId}/${value}`, { listId, value, val: fields.Val ?? "" });
  }
  const put = [...want]
    .filter(([key, e]) => have.get(key)?.val !== expiryValue(e.expiresAt))
    .map(([, e]) => e);
  const del = [...have].filter(([key]) => !want.has(key)).map(([, e]) => e);
  await syncEntries(send, { put, del });
  return { lists: lists.length, entries: want.size, put: put.length, deleted: del.length };
}

/**
 * Deletes entries past their expiry (they already stopped matching at call time) and their AstDB
 * keys. Returns the lists whose pattern entries went, which the next apply drops from the dialplan.
 */
export async function purgeExpiredEntries(
  exec: Db | Tx,
  send: AmiSend | null,
  now = new Date(),
): Promise<{ purged: number; patternLists: string[] }> {
  const gone = await exec
    .delete(callerListEntries)
    .where(and(isNotNull(callerListEntries.expiresAt), lte(callerListEntries.expiresAt, now)))
    .returning({ listId: callerListEntries.listId, value: callerListEntries.value });
  if (send) {
    for (const g of gone) {
      if (!isAstdbValue(g.value)) continue;
      await send("DBDel", { Family: listFamily(g.listId), Key: g.value }).catch(ignoreNotFound);
    }
  }
  const patternLists = [...new Set(gone.filter((g) => g.value.startsWith("_")).map((g) => g.listId))];
  // Expired patterns no longer match, but they are still compiled: the next apply drops them.
  if (patternLists.length)
    await exec.insert(configChanges).values(
      patternLists.map((listId) => ({
        entity: "callerlist",
        entityId: listId,
        entityLabel: "expired patterns purged",
        action: "update",
        userId: null,
      })),
    );
  return { purged: gone.length, patternLists };
}

/** Deleting what is already gone answers `Response: Error` ("Database entry not found"): fine. */
export function ignoreNotFound(error: unknown): undefined {
  if (error instanceof AmiError && error.code === "bad_request:ami_action") return undefined;
  throw error;
}
