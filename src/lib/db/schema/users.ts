import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "supervisor", "agent", "qa"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 120 }).notNull(),
    /** Always stored lower-case; the unique index is on the stored value. */
    email: varchar({ length: 254 }).notNull(),
    passwordHash: text().notNull(),
    role: roleEnum().notNull(),
    /** Per-user permission grants and revokes on top of the role. */
    grants: text().array().notNull().default(sql`'{}'::text[]`),
    revokes: text().array().notNull().default(sql`'{}'::text[]`),
    /** Extension number the user works at (softphone, panel). Not a FK: extensions arrive later. */
    extension: varchar({ length: 8 }),
    disabled: boolean().notNull().default(false),
    /** The one live session. A new login replaces it; clearing it ends the session. */
    sessionId: varchar({ length: 64 }),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_name_idx").on(t.name, t.id),
    index("users_extension_idx").on(t.extension),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = (typeof roleEnum.enumValues)[number];
