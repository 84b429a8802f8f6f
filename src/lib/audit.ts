import { db, type Tx } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";

export type AuditActor = { id: string | null; email: string | null; ip: string | null };

export type AuditEntry = {
  actor: AuditActor;
  /** `entity.verb`, e.g. `user.create`, `settings.update`. */
  action: string;
  entity: string;
  entityId?: string | null;
  entityLabel?: string | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEY = /pass(word)?|secret|hash|token|key$/i;

/** Writes one audit row, inside the caller's transaction when given one. Secrets never land here. */
export async function writeAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db).insert(auditLog).values({
    userId: entry.actor.id,
    userEmail: entry.actor.email,
    ip: entry.actor.ip,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    entityLabel: entry.entityLabel?.slice(0, 200) ?? null,
    before: redact(entry.before),
    after: redact(entry.after),
  });
}

/** Replaces secret-looking fields with a marker, so the diff still shows that they changed. */
export function redact(value: unknown): Record<string, unknown> | null {
  if (value == null || typeof value !== "object") return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEY.test(k)) out[k] = v == null || v === "" ? v : "[redacted]";
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}
