import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { and, desc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { cdr, queueEvents } from "@/lib/db/schema/live";
import { recordings } from "@/lib/db/schema/recordings";
import { extensionOfChannel, parseRecordingName } from "./file-name";
import { readWavInfo } from "./wav-info";

export type IndexResult = { scanned: number; indexed: number; removed: number };

/**
 * Scans the recordings root (flat, as MixMonitor writes relative names into `<spool>/monitor`)
 * and upserts one row per recording file, keyed by its relative path. Symlinks and files with
 * other names are skipped; rows whose file has gone are removed. Rows without an agent get
 * one from the call's CDR or queue events (the answering PJSIP channel). Idempotent.
 */
export async function indexRecordings({ root, db }: { root: string; db: Db }): Promise<IndexResult> {
  const entries = await readdir(root, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  // A missing root (spool not mounted yet) must not read as "every file was deleted".
  if (!entries) return { scanned: 0, indexed: 0, removed: 0 };
  const seen: string[] = [];
  let indexed = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parsed = parseRecordingName(entry.name);
    if (!parsed) continue;
    const file = path.join(root, entry.name);
    const st = await lstat(file).catch(() => null);
    if (!st?.isFile()) continue;
    seen.push(entry.name);
    const durationMs = parsed.format === "wav" ? await wavDuration(file) : null;
    const values = {
      linkedid: parsed.linkedid,
      uniqueid: parsed.uniqueid,
      path: entry.name,
      format: parsed.format,
      bytes: st.size,
      durationMs,
      source: parsed.source,
      agentExtension: parsed.agentExtension,
      queue: parsed.queue,
      fileMtime: st.mtime,
    };
    const [row] = await db
      .insert(recordings)
      .values(values)
      .onConflictDoUpdate({
        target: recordings.path,
        set: { bytes: values.bytes, durationMs: values.durationMs, fileMtime: values.fileMtime },
        setWhere: sql`${recordings.bytes} <> ${values.bytes} or ${recordings.fileMtime} <> ${values.fileMtime}`,
      })
      .returning({ id: recordings.id });
    if (row) indexed += 1;
  }
  const gone = await db
    .delete(recordings)
    .where(seen.length ? notInArray(recordings.path, seen) : sql`true`)
    .returning({ id: recordings.id });
  await linkAgents(db);
  return { scanned: seen.length, indexed, removed: gone.length };
}

/** Fills agentExtension for queue and on-demand recordings from the call's answered legs. */
async function linkAgents(db: Db) {
  const open = await db
    .select({ id: recordings.id, linkedid: recordings.linkedid })
    .from(recordings)
    .where(isNull(recordings.agentExtension))
    // Newest first: old calls with no CDR at all must not starve the ones that just ended.
    .orderBy(desc(recordings.fileMtime))
    .limit(500);
  if (!open.length) return;
  const linkedids = [...new Set(open.map((r) => r.linkedid))];
  const legs = await db
    .select({ linkedid: cdr.linkedid, dstchannel: cdr.dstchannel })
    .from(cdr)
    .where(and(inArray(cdr.linkedid, linkedids), eq(cdr.disposition, "ANSWERED")));
  const connects = await db
    .select({ linkedid: queueEvents.linkedid, iface: queueEvents.interface })
    .from(queueEvents)
    .where(and(inArray(queueEvents.linkedid, linkedids), eq(queueEvents.kind, "connect")));
  const agentOf = new Map<string, string>();
  for (const c of connects) {
    const ext = /^PJSIP\/(\d{1,20})$/.exec(c.iface ?? "")?.[1];
    if (c.linkedid && ext && !agentOf.has(c.linkedid)) agentOf.set(c.linkedid, ext);
  }
  for (const leg of legs) {
    const ext = extensionOfChannel(leg.dstchannel);
    if (ext && !agentOf.has(leg.linkedid)) agentOf.set(leg.linkedid, ext);
  }
  for (const r of open) {
    const ext = agentOf.get(r.linkedid);
    if (ext) await db.update(recordings).set({ agentExtension: ext }).where(eq(recordings.id, r.id));
  }
}

async function wavDuration(file: string): Promise<number | null> {
  const info = await readWavInfo(file).catch(() => null);
  return info ? info.durationMs : null;
}
