import { boolean, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./users";

/** Key/value settings. Secret values are AES-256-GCM ciphertext (see lib/settings/crypto.ts). */
export const settings = pgTable("settings", {
  key: varchar({ length: 80 }).primaryKey(),
  value: text().notNull(),
  encrypted: boolean().notNull().default(false),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

export type SettingRow = typeof settings.$inferSelect;
export type NewSettingRow = typeof settings.$inferInsert;
