import { integer, pgTable, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { sounds } from "./ivr";

/**
 * The soundboard: clips from the sound library that agents play into their own calls (both
 * parties hear them; lib/asterisk/ari/app-ari.ts playIntoCall). A sound with clips can't be
 * deleted from the library.
 */
export const soundboardClips = pgTable(
  "soundboard_clips",
  {
    id: uuid().primaryKey().defaultRandom(),
    label: varchar({ length: 40 }).notNull(),
    soundId: uuid()
      .notNull()
      .references(() => sounds.id, { onDelete: "restrict" }),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("soundboard_clips_label_key").on(t.label)],
);

export type SoundboardClip = typeof soundboardClips.$inferSelect;
