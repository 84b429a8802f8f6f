import "server-only";
import { createTwoFilesPatch } from "diff";
import { asc, desc, eq, isNull } from "drizzle-orm";
import { env } from "@/env";
import { db } from "@/lib/db/client";
import { configBlobs, configChanges, configRevisionFiles, configRevisions } from "@/lib/db/schema/config";
import { loadConfigState } from "../compiler/load-state";
import { CONFIG_FILE_NAMES, CONFIG_FILES, type ConfigFile, renderConfig } from "../compiler/render";
import { RenderGuardError } from "../template";
import { readLiveFiles } from "./files";
import { type StateProblem, validateState } from "./validate-state";

export type FileDiff = { file: ConfigFile; module: string; patch: string; added: number; removed: number };

export type Review = {
  /** Where "current" came from: the files on disk, or the last recorded revision. */
  baseline: "disk" | "revision" | "empty";
  diffs: FileDiff[];
  modules: string[];
  problems: StateProblem[];
  pending: { id: number; entity: string; entityLabel: string | null; action: string; createdAt: Date }[];
};

/** What an apply would do right now: the diffs, the modules it would reload, and what blocks it. */
export async function getReview(): Promise<Review> {
  const pending = await db
    .select({
      id: configChanges.id,
      entity: configChanges.entity,
      entityLabel: configChanges.entityLabel,
      action: configChanges.action,
      createdAt: configChanges.createdAt,
    })
    .from(configChanges)
    .where(isNull(configChanges.revisionId))
    .orderBy(asc(configChanges.id))
    .limit(500);
  const state = await loadConfigState(db);
  const problems = validateState(state);
  if (problems.length) return { baseline: "empty", diffs: [], modules: [], problems, pending };
  let next: Map<ConfigFile, string>;
  try {
    next = renderConfig(state);
  } catch (error) {
    if (!(error instanceof RenderGuardError)) throw error;
    return {
      baseline: "empty",
      diffs: [],
      modules: [],
      problems: [
        { source: error.source ?? "", label: error.source ?? "", field: error.field, message: error.message },
      ],
      pending,
    };
  }
  const { baseline, files: current } = await currentFiles();
  const diffs = diffFiles(current, next);
  return { baseline, diffs, modules: [...new Set(diffs.map((d) => d.module))], problems, pending };
}

export function diffFiles(
  current: Map<ConfigFile, string | null>,
  next: Map<ConfigFile, string>,
): FileDiff[] {
  const out: FileDiff[] = [];
  for (const file of CONFIG_FILE_NAMES) {
    const before = current.get(file) ?? "";
    const after = next.get(file) ?? "";
    if (before === after) continue;
    const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, "", "", { context: 3 });
    let added = 0;
    let removed = 0;
    for (const line of patch.split("\n")) {
      if (line.startsWith("+") && !line.startsWith("+++")) added++;
      else if (line.startsWith("-") && !line.startsWith("---")) removed++;
    }
    out.push({ file, module: CONFIG_FILES[file], patch, added, removed });
  }
  return out;
}

async function currentFiles(): Promise<{
  baseline: Review["baseline"];
  files: Map<ConfigFile, string | null>;
}> {
  if (env.ASTERISK_CONFIG_DIR)
    return { baseline: "disk", files: await readLiveFiles(env.ASTERISK_CONFIG_DIR) };
  const [last] = await db
    .select({ id: configRevisions.id })
    .from(configRevisions)
    .where(eq(configRevisions.status, "applied"))
    .orderBy(desc(configRevisions.id))
    .limit(1);
  if (!last) return { baseline: "empty", files: new Map() };
  return { baseline: "revision", files: await filesOfRevision(last.id) };
}

export async function filesOfRevision(revisionId: number): Promise<Map<ConfigFile, string | null>> {
  const rows = await db
    .select({ path: configRevisionFiles.path, content: configBlobs.content })
    .from(configRevisionFiles)
    .innerJoin(configBlobs, eq(configBlobs.sha256, configRevisionFiles.sha256))
    .where(eq(configRevisionFiles.revisionId, revisionId));
  return new Map(rows.map((r) => [r.path as ConfigFile, r.content]));
}
