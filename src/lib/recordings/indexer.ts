import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
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
  // One read of what is indexed, so a steady-state scan writes nothing (no query per file).
  const known = new Map(
    (
      await db
        .select({
          id: recordings.id,
          path: recordings.path,
          bytes: recordings.bytes,
          mtime: recordings.fileMtime,
        })
        .from(recordings)
    ).map((r) => [r.path, r]),
  );
  const seen = new Set<string>();
  let indexed = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parsed = parseRecordingName(entry.name);
    if (!parsed) continue;
    const file = path.join(root, entry.name);
    const st = await lstat(file).catch(() => null);
    if (!st?.isFile()) continue;
    seen.add(entry.name);
    const before = known.get(entry.name);
    if (before && before.bytes === st.size && before.mtime.getTime() === Math.trunc(st.mtimeMs)) continue;
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
      fileMtime: new Date(Math.trunc(st.mtimeMs)),
    };
    await db
      .insert(recordings)
      .values(values)
      .onConflictDoUpdate({
        target: recordings.path,
        set: { bytes: values.bytes, durationMs: values.durationMs, fileMtime: values.fileMtime },
      });
    indexed += 1;
  }
  const goneIds = [...known.values()].filter((r) => !seen.has(r.path)).map((r) => r.id);
  for (let i = 0; i < goneIds.length; i += 1_000) {
    await db.delete(recordings).where(inArray(recordings.id, goneIds.slice(i, i + 1_000)));
  }
  await linkAgents(db);
  return { scanned: seen.size, indexed, removed: goneIds.length };
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
