import { bigserial, index, jsonb, pgTable, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

export const auditLog = pgTable(
  "audit_log",
  {
    /** Monotonic: the keyset for paging newest-first. */
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Kept as written, so the row still says who it was after the user is gone. */
    userEmail: varchar({ length: 254 }),
    ip: varchar({ length: 64 }),
    action: varchar({ length: 80 }).notNull(),
    entity: varchar({ length: 60 }).notNull(),
    entityId: varchar({ length: 120 }),
    /** A human name for the entity as it was then (a user's e-mail, a queue's number). */
    entityLabel: varchar({ length: 200 }),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt, t.id),
    index("audit_log_user_idx").on(t.userId, t.id),
    index("audit_log_entity_idx").on(t.entity, t.id),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export type AuditValue = Record<string, unknown> | null;
