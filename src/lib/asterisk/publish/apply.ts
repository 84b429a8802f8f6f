import { and, eq, inArray, isNull, lte, max } from "drizzle-orm";
import { dbHandle } from "@/lib/db/client";
import { configBlobs, configChanges, configRevisionFiles, configRevisions } from "@/lib/db/schema/config";
import { reconcileDnd } from "@/lib/extensions/dnd";
import { log } from "@/lib/log";
import { type AmiSend, reconcileAstdb } from "@/lib/routing/astdb-sync";
import { loadConfigState } from "../compiler/load-state";
import { CONFIG_FILE_NAMES, CONFIG_FILES, type ConfigFile, renderConfig } from "../compiler/render";
import { RenderGuardError } from "../template";
import type { AsteriskControl } from "./asterisk-control";
import { type Expectations, expectationsFrom } from "./expectations";
import { readLiveFiles, restoreFile, sha256, writeAtomic } from "./files";
import { type StateProblem, validateState } from "./validate-state";

export type ApplyStep = "queue" | "render" | "write" | "reload" | "verify" | "restore" | "record";
export type ApplyProgress = {
  step: ApplyStep;
  status: "start" | "done" | "error";
  message: string;
  at: number;
};

export type ApplyResult = {
  revisionId: number | null;
  status: "applied" | "failed" | "noop";
  changedFiles: ConfigFile[];
  reloaded: string[];
  durationMs: number;
  error?: string;
  errorSource?: string;
  problems?: StateProblem[];
};

export type ApplyOptions = {
  actor: { id: string | null; email: string | null };
  /** Restore the files of this revision instead of rendering the database. */
  rollbackTo?: number;
  configDir: string;
  connect: () => Promise<AsteriskControl>;
  onProgress?: (p: ApplyProgress) => void;
};

/** Arbitrary constant: one apply at a time across every process on the database. */
const APPLY_LOCK = 727_003;

type Queue = { running?: Promise<ApplyResult>; queued?: Promise<ApplyResult> };
const g = globalThis as unknown as { __switchboardApply?: Queue };

/**
 * Runs an apply, one at a time. Applies that arrive while one runs coalesce into a single
 * follow-up run (it renders the database as it is then, so it covers all of them). Rollbacks never
 * coalesce: each is its own run, after the current one.
 */
export function requestApply(options: ApplyOptions): Promise<ApplyResult> {
  if (!g.__switchboardApply) g.__switchboardApply = {};
  const q = g.__switchboardApply;
  const start = () => {
    const run = runExclusive(options).finally(() => {
      if (q.running === run) q.running = undefined;
    });
    q.running = run;
    return run;
  };
  if (!q.running) return start();
  options.onProgress?.({
    step: "queue",
    status: "start",
    message: "Waiting for the apply already running",
    at: Date.now(),
  });
  if (options.rollbackTo === undefined && q.queued) return q.queued;
  const next = q.running
    .catch(() => undefined)
    .then(() => {
      if (q.queued === next) q.queued = undefined;
      return start();
    });
  if (options.rollbackTo === undefined) q.queued = next;
  return next;
}

async function runExclusive(options: ApplyOptions): Promise<ApplyResult> {
  const handle = dbHandle();
  if (handle.kind === "pglite") return runApply(options); // one process owns PGlite: the in-process queue is the lock
  const client = await handle.pool!.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [APPLY_LOCK]);
    return await runApply(options);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [APPLY_LOCK]).catch(() => {});
    client.release();
  }
}

async function runApply(options: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const db = dbHandle().db;
  const progress = (step: ApplyStep, status: ApplyProgress["status"], message: string) =>
    options.onProgress?.({ step, status, message, at: Date.now() });
  const result = (r: Omit<ApplyResult, "durationMs">): ApplyResult => ({
    ...r,
    durationMs: Date.now() - started,
  });

  // 1. Render (or load the revision being restored).
  progress(
    "render",
    "start",
    options.rollbackTo ? `Loading revision #${options.rollbackTo}` : "Rendering from the database",
  );
  const [{ upTo } = { upTo: null }] = await db
    .select({ upTo: max(configChanges.id) })
    .from(configChanges)
    .where(isNull(configChanges.revisionId));
  let next: Map<ConfigFile, string>;
  try {
    next = options.rollbackTo ? await revisionFiles(options.rollbackTo) : await renderFromDatabase();
  } catch (error) {
    const r = renderFailure(error);
    progress("render", "error", r.error ?? "Render failed");
    return result({
      revisionId: await recordRevision(options, "failed", new Map(), [], [], r, Date.now() - started),
      status: "failed",
      changedFiles: [],
      reloaded: [],
      ...r,
    });
  }
  progress("render", "done", `${next.size} files rendered`);

  // 2. Write only what changed.
  const previous = await readLiveFiles(options.configDir);
  const changed = CONFIG_FILE_NAMES.filter((f) => next.has(f) && previous.get(f) !== next.get(f));
  if (changed.length === 0) {
    progress("write", "done", "Nothing changed: no file written, nothing reloaded");
    const revisionId = await recordRevision(options, "noop", next, [], [], {}, Date.now() - started, upTo);
    return result({ revisionId, status: "noop", changedFiles: [], reloaded: [] });
  }
  const modules = [...new Set(changed.map((f) => CONFIG_FILES[f]))];

  let control: AsteriskControl | undefined;
  try {
    progress("reload", "start", "Connecting to Asterisk");
    control = await options.connect();
    progress("write", "start", `Writing ${changed.join(", ")}`);
    for (const f of changed) await writeAtomic(options.configDir, f, next.get(f)!);
    progress("write", "done", `Wrote ${changed.length} file${changed.length === 1 ? "" : "s"}`);

    // 3. Reload only the affected modules, then 4. verify against the live Asterisk.
    await reloadAll(control, modules, progress);
    progress("verify", "start", "Checking that Asterisk loaded what was rendered");
    const want = expectationsFrom(next, changed);
    const mismatch = await verify(control, want, expectationsFrom(previous, changed), changed);
    if (mismatch) throw new VerifyError(mismatch);
    progress("verify", "done", "Asterisk matches the rendered config");
  } catch (error) {
    const message = errorText(error);
    progress(error instanceof VerifyError ? "verify" : "reload", "error", message);
    if (control) await restore(options.configDir, control, previous, changed, modules, progress);
    else
      for (const f of changed)
        await restoreFile(options.configDir, f, previous.get(f) ?? null).catch(() => {});
    await control?.close().catch(() => {});
    const failure = { error: message, errorSource: error instanceof VerifyError ? error.source : undefined };
    const revisionId = await recordRevision(
      options,
      "failed",
      next,
      changed,
      modules,
      failure,
      Date.now() - started,
    );
    return result({ revisionId, status: "failed", changedFiles: changed, reloaded: modules, ...failure });
  }
  // Block and allow lists and DND: AstDB back in line with the database (it may have missed
  // changes made while Asterisk was unreachable, and DND edits take effect here). A failure here
  // leaves the applied config in place.
  if (control.action) {
    const send = control.action.bind(control) as AmiSend;
    await reconcileAstdb(db, send).catch((error) =>
      log.warn({ err: errorText(error) }, "block and allow lists were not synced to AstDB"),
    );
    await reconcileDnd(db, send).catch((error) =>
      log.warn({ err: errorText(error) }, "do not disturb was not synced to AstDB"),
    );
  }
  await control.close().catch(() => {});

  // 5. Record the revision and mark the pending changes it covered.
  progress("record", "start", "Recording the revision");
  const revisionId = await recordRevision(
    options,
    "applied",
    next,
    changed,
    modules,
    {},
    Date.now() - started,
    upTo,
  );
  progress("record", "done", `Revision #${revisionId} recorded`);
  return result({ revisionId, status: "applied", changedFiles: changed, reloaded: modules });
}

export async function renderFromDatabase(): Promise<Map<ConfigFile, string>> {
  const state = await loadConfigState(dbHandle().db);
  const problems = validateState(state);
  if (problems.length) throw new StateProblemsError(problems);
  return renderConfig(state);
}

async function revisionFiles(revisionId: number): Promise<Map<ConfigFile, string>> {
  const db = dbHandle().db;
  const rows = await db
    .select({ path: configRevisionFiles.path, content: configBlobs.content })
    .from(configRevisionFiles)
    .innerJoin(configBlobs, eq(configBlobs.sha256, configRevisionFiles.sha256))
    .where(eq(configRevisionFiles.revisionId, revisionId));
  if (rows.length === 0) throw new Error(`Revision #${revisionId} has no stored files to restore.`);
  return new Map(rows.filter((r) => r.path in CONFIG_FILES).map((r) => [r.path as ConfigFile, r.content]));
}

async function reloadAll(
  control: AsteriskControl,
  modules: string[],
  progress: (s: ApplyStep, st: ApplyProgress["status"], m: string) => void,
) {
  for (const m of modules) {
    progress("reload", "start", `Reloading ${m}`);
    await control.reload(m);
    progress("reload", "done", `Reloaded ${m}`);
  }
}

async function verify(
  control: AsteriskControl,
  want: Expectations,
  had: Expectations,
  changed: ConfigFile[],
): Promise<{ message: string; source?: string } | null> {
  if (changed.includes("pjsip_endpoints.conf") || changed.includes("pjsip_trunks.conf")) {
    const live = await control.endpoints();
    for (const e of want.endpoints)
      if (!live.has(e))
        return {
          message: `Asterisk did not load endpoint ${e} after reloading res_pjsip.so.`,
          source: `extension ${e}`,
        };
    for (const e of had.endpoints)
      if (!want.endpoints.has(e) && live.has(e))
        return {
          message: `Endpoint ${e} is still loaded although it was removed.`,
          source: `extension ${e}`,
        };
    // Asterisk keeps the old object when it rejects a new definition ("Retaining existing
    // configuration"), so check that every new or changed endpoint is live in its new form.
    const changedEndpoints = [...want.fingerprints].filter(([name, fp]) => had.fingerprints.get(name) !== fp);
    for (let i = 0; i < changedEndpoints.length; i += 20) {
      const batch = changedEndpoints.slice(i, i + 20);
      const liveFingerprints = await Promise.all(batch.map(([name]) => control.endpointFingerprint(name)));
      const stale = batch.find(([, fp], j) => liveFingerprints[j] !== fp);
      if (stale) {
        return {
          message: `Asterisk rejected the new definition of endpoint ${stale[0]} and kept the old one; its log names the offending option.`,
          source: `extension ${stale[0]}`,
        };
      }
    }
  }
  if (changed.includes("queues_switchboard.conf")) {
    const live = await control.queues();
    for (const q of want.queues)
      if (!live.has(q))
        return {
          message: `Asterisk did not load queue ${q} after reloading app_queue.so.`,
          source: `queue ${q.slice(1)}`,
        };
  }
  if (changed.includes("extensions_switchboard.conf")) {
    // Only contexts whose extensions changed are asked for (one ShowDialPlan each): with
    // thousands of DIDs and caller-ID rules, asking for every context took thousands of actions.
    // A context whose extensions stay the same could not show a failed reload anyway.
    for (const [context, extens] of want.contexts) {
      if (sameSet(had.contexts.get(context), extens)) continue;
      const live = await control.contextExtensions(context);
      for (const x of extens)
        if (!live.has(x))
          return {
            message: `Dialplan context ${context} lacks ${x} after "dialplan reload".`,
            source: `${context} ${x}`,
          };
      for (const x of live)
        if (!extens.has(x))
          return {
            message: `Dialplan context ${context} still has ${x}, which was removed.`,
            source: `${context} ${x}`,
          };
    }
  }
  return null;
}

async function restore(
  dir: string,
  control: AsteriskControl,
  previous: Map<ConfigFile, string | null>,
  changed: ConfigFile[],
  modules: string[],
  progress: (s: ApplyStep, st: ApplyProgress["status"], m: string) => void,
) {
  progress("restore", "start", "Restoring the previous files");
  try {
    for (const f of changed) await restoreFile(dir, f, previous.get(f) ?? null);
    for (const m of modules) await control.reload(m);
    const had = expectationsFrom(previous, changed);
    const mismatch = await verify(control, had, had, changed);
    progress(
      "restore",
      mismatch ? "error" : "done",
      mismatch ? `Restored, but: ${mismatch.message}` : "Previous config restored and verified",
    );
  } catch (error) {
    log.error({ err: error }, "restoring the previous Asterisk config failed");
    progress("restore", "error", `Restore failed: ${errorText(error)}`);
  }
}

async function recordRevision(
  options: ApplyOptions,
  status: ApplyResult["status"],
  files: Map<ConfigFile, string>,
  changed: ConfigFile[],
  reloaded: string[],
  failure: { error?: string; errorSource?: string },
  durationMs: number,
  coversUpTo?: number | null,
): Promise<number> {
  const db = dbHandle().db;
  return db.transaction(async (tx) => {
    const [rev] = await tx
      .insert(configRevisions)
      .values({
        userId: options.actor.id,
        userEmail: options.actor.email,
        status,
        rollbackOf: options.rollbackTo ?? null,
        changedFiles: changed,
        reloaded,
        durationMs,
        error: failure.error ?? null,
        errorSource: failure.errorSource ?? null,
      })
      .returning({ id: configRevisions.id });
    const id = rev!.id;
    const rows = [...files].map(([path, content]) => ({ path, content, sha256: sha256(content) }));
    if (rows.length > 0) {
      // An apply mostly stores the files the last one did: send only the blobs not stored yet
      // rather than every file's megabytes for the conflict clause to drop.
      const stored = await tx
        .select({ sha256: configBlobs.sha256 })
        .from(configBlobs)
        .where(inArray(configBlobs.sha256, [...new Set(rows.map((r) => r.sha256))]));
      const known = new Set(stored.map((b) => b.sha256));
      for (const r of rows) {
        if (known.has(r.sha256)) continue;
        await tx.insert(configBlobs).values({ sha256: r.sha256, content: r.content }).onConflictDoNothing();
        known.add(r.sha256);
      }
      await tx.insert(configRevisionFiles).values(
        rows.map((r) => ({
          revisionId: id,
          path: r.path,
          sha256: r.sha256,
          bytes: Buffer.byteLength(r.content),
        })),
      );
    }
    if (status !== "failed" && coversUpTo != null && options.rollbackTo === undefined) {
      await tx
        .update(configChanges)
        .set({ revisionId: id })
        .where(and(isNull(configChanges.revisionId), lte(configChanges.id, coversUpTo)));
    }
    if (status === "applied" && options.rollbackTo !== undefined) {
      // Live config now differs from the database: say so in the pending bar until the next apply.
      await tx.insert(configChanges).values({
        entity: "revision",
        entityId: String(options.rollbackTo),
        entityLabel: `Rolled back to revision #${options.rollbackTo}`,
        action: "rollback",
        userId: options.actor.id,
      });
    }
    return id;
  });
}

export class StateProblemsError extends Error {
  constructor(readonly problems: StateProblem[]) {
    super(
      `${problems.length} validation error${problems.length === 1 ? "" : "s"}: ${problems.map((p) => `${p.label} ${p.field}: ${p.message}`).join("; ")}`,
    );
  }
}

class VerifyError extends Error {
  readonly source?: string;
  constructor(m: { message: string; source?: string }) {
    super(m.message);
    this.source = m.source;
  }
}

function renderFailure(error: unknown): { error?: string; errorSource?: string; problems?: StateProblem[] } {
  if (error instanceof StateProblemsError)
    return { error: error.message, errorSource: error.problems[0]?.source, problems: error.problems };
  if (error instanceof RenderGuardError) return { error: error.message, errorSource: error.source };
  return { error: errorText(error) };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sameSet(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): boolean {
  if (a === undefined || a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}
