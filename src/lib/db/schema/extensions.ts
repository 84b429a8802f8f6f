import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { classOfServiceEnum } from "./trunks";

export const recordingPolicyEnum = pgEnum("recording_policy", ["always", "never", "on_demand"]);
export const groupStrategyEnum = pgEnum("group_strategy", ["ringall", "hunt"]);
/**
 * Where a call goes when a group, queue or schedule gives up on it, or where a DID, IVR option or
 * time condition sends it. Every type but hangup targets a number in the shared numbering plan
 * (lib/asterisk/numbering.ts): IVRs, time conditions and ring trees have numbers like extensions,
 * so every destination compiles to `Goto(sb-internal,<number>,1)` (voicemail to VoiceMail()).
 */
export const destinationTypeEnum = pgEnum("destination_type", [
  "extension",
  "group",
  "queue",
  "voicemail",
  "hangup",
  "ivr",
  "timecondition",
  "ringtree",
]);

export const extensions = pgTable(
  "extensions",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    displayName: varchar({ length: 40 }).notNull(),
    /** AES-256-GCM ciphertext of the generated SIP secret (lib/settings/crypto.ts). */
    secret: text().notNull(),
    enabled: boolean().notNull().default(true),
    webrtc: boolean().notNull().default(false),
    codecs: text().array().notNull().default(sql`'{ulaw,alaw}'::text[]`),
    maxContacts: smallint().notNull().default(1),
    voicemailEnabled: boolean().notNull().default(false),
    voicemailPin: varchar({ length: 10 }),
    recordingPolicy: recordingPolicyEnum().notNull().default("never"),
    outboundCallerId: varchar({ length: 32 }),
    pickupGroup: smallint(),
    callWaiting: boolean().notNull().default(true),
    dnd: boolean().notNull().default(false),
    /** Which outbound routes the extension may dial through (lib/routing/outbound). */
    classOfService: classOfServiceEnum().notNull().default("national"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("extensions_number_key").on(t.number),
    index("extensions_name_idx").on(t.displayName, t.id),
  ],
);

export const extensionGroups = pgTable(
  "extension_groups",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    strategy: groupStrategyEnum().notNull().default("ringall"),
    ringTime: smallint().notNull().default(20),
    failoverType: destinationTypeEnum().notNull().default("hangup"),
    /** The number of the failover extension, group, queue or voicemail box; null for hangup. */
    failoverTarget: varchar({ length: 8 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("extension_groups_number_key").on(t.number)],
);

export const extensionGroupMembers = pgTable(
  "extension_group_members",
  {
    groupId: uuid()
      .notNull()
      .references(() => extensionGroups.id, { onDelete: "cascade" }),
    extensionId: uuid()
      .notNull()
      .references(() => extensions.id, { onDelete: "restrict" }),
    /** Ring order for hunt groups, 0-based. */
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.extensionId] }),
    index("extension_group_members_ext_idx").on(t.extensionId),
  ],
);

export type Extension = typeof extensions.$inferSelect;
export type NewExtension = typeof extensions.$inferInsert;
export type ExtensionGroup = typeof extensionGroups.$inferSelect;
export type NewExtensionGroup = typeof extensionGroups.$inferInsert;
export type ExtensionGroupMember = typeof extensionGroupMembers.$inferSelect;
export type NewExtensionGroupMember = typeof extensionGroupMembers.$inferInsert;
export type RecordingPolicy = (typeof recordingPolicyEnum.enumValues)[number];
export type DestinationType = (typeof destinationTypeEnum.enumValues)[number];
