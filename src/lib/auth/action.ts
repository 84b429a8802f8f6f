import "server-only";
import type { z } from "zod";
import { type AuditEntry, writeAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db/client";
import { AppError, type FieldErrors, type Result } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Permission } from "./permissions";
import { type CurrentUser, getCurrentUser } from "./session";

export type ActionContext = {
  user: CurrentUser;
  tx: Tx;
  /** Runs once the transaction has committed (bus messages, e-mails): never for a rolled-back change. */
  afterCommit: (fn: () => Promise<void> | void) => void;
};
export type AuditNote = Omit<AuditEntry, "actor">;
export type ActionOutcome<T> = { data: T; audit?: AuditNote | AuditNote[] };

/**
 * The one wrapper for every mutation. In order: read the session, check the permission, parse
 * the input with zod, run the work and write its audit rows in one transaction, and return a
 * Result. Nothing but an AppError's code and message ever reaches the browser.
 */
export function action<S extends z.ZodType, T>(
  permission: Permission | null,
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionOutcome<T>>,
): (input: z.input<S>) => Promise<Result<T>> {
  return async (input) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw new AppError("unauthorized:session", "Your session has ended. Please sign in again.");
      if (permission && !user.permissions.has(permission)) throw new AppError(`forbidden:${permission}`);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        throw new AppError("bad_request:input", "Please correct the highlighted fields.", {
          fieldErrors: toFieldErrors(parsed.error),
        });
      }
      const pending: (() => Promise<void> | void)[] = [];
      const data = await db.transaction(async (tx) => {
        const outcome = await handler(parsed.data, { user, tx, afterCommit: (fn) => pending.push(fn) });
        const notes = outcome.audit ? ([] as AuditNote[]).concat(outcome.audit) : [];
        for (const note of notes) {
          await writeAudit({ ...note, actor: { id: user.id, email: user.email, ip: user.ip } }, tx);
        }
        return outcome.data;
      });
      for (const fn of pending)
        await Promise.resolve(fn()).catch((err) => log.error({ err }, "after-commit step failed"));
      return { ok: true, data };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.kind === "internal") log.error({ err: error }, "action failed");
      return { ok: false, error: appError.toJSON() };
    }
  };
}

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

/** Maps well-known database errors to clear messages; everything else stays opaque. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = pgCode(error);
  if (code === "23505") return new AppError("conflict:unique", "That value is already in use.");
  if (code === "23503") return new AppError("conflict:in_use", "It is still in use elsewhere.");
  return AppError.from(error);
}

function pgCode(error: unknown): string | undefined {
  // drizzle wraps driver errors; the SQLSTATE sits a cause or two down.
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^\d{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
