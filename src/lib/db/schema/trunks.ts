import { sql } from "drizzle-orm";
import {
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
import {
  CALLER_ID_MODES,
  CLASSES_OF_SERVICE,
  DTMF_MODES,
  TRUNK_AUTH_MODES,
  TRUNK_DIRECTIONS,
  TRUNK_TRANSPORTS,
} from "../../validations/trunk-options";

/** Carriers (SIP trunks) and the outbound routes that dial through them. */
export const trunkDirectionEnum = pgEnum("trunk_direction", TRUNK_DIRECTIONS);
export const trunkAuthEnum = pgEnum("trunk_auth", TRUNK_AUTH_MODES);
export const trunkTransportEnum = pgEnum("trunk_transport", TRUNK_TRANSPORTS);
export const dtmfModeEnum = pgEnum("dtmf_mode", DTMF_MODES);
/**
 * What caller ID a call leaves on the trunk with: the route's or the calling extension's
 * outbound caller ID, the trunk's fixed number, or the caller's own number unchanged.
 */
export const trunkCallerIdEnum = pgEnum("trunk_caller_id", CALLER_ID_MODES);
/** Which outbound routes an extension may use; a route lists the classes it admits. */
export { CLASSES_OF_SERVICE };
export const classOfServiceEnum = pgEnum("class_of_service", CLASSES_OF_SERVICE);

export const trunks = pgTable(
  "trunks",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The pjsip section id (endpoint, aor, auth, registration, identify). */
    name: varchar({ length: 40 }).notNull(),
    direction: trunkDirectionEnum().notNull().default("both"),
    authMode: trunkAuthEnum().notNull().default("registration"),
    host: varchar({ length: 253 }).notNull(),
    port: integer().notNull().default(5060),
    transport: trunkTransportEnum().notNull().default("udp"),
    username: varchar({ length: 64 }),
    /** AES-256-GCM ciphertext of the carrier password (lib/settings/crypto.ts); never sent to a browser. */
    secret: text(),
    fromUser: varchar({ length: 64 }),
    codecs: text().array().notNull().default(sql`'{ulaw,alaw}'::text[]`),
    dtmfMode: dtmfModeEnum().notNull().default("rfc4733"),
    /** Concurrent outbound calls allowed; 0 = no limit. */
    maxChannels: smallint().notNull().default(0),
    callerIdMode: trunkCallerIdEnum().notNull().default("extension"),
    fixedCallerId: varchar({ length: 32 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("trunks_name_key").on(t.name)],
);

export const outboundRoutes = pgTable(
  "outbound_routes",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 40 }).notNull(),
    /** Routes are tried in this order (0 first); the compiled dialplan includes them in it. */
    position: integer().notNull(),
    /** Asterisk dial patterns (`_00X.`, `_0[1-9]XXXXXXXX`, `112`). */
    patterns: text().array().notNull(),
    /** Digits cut from the front of the dialled number, then `prepend` is put in front. */
    strip: smallint().notNull().default(0),
    prepend: varchar({ length: 32 }).notNull().default(""),
    /** Caller ID to send; null uses the extension's outbound caller ID. */
    callerId: varchar({ length: 32 }),
    classes: classOfServiceEnum().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("outbound_routes_name_key").on(t.name),
    index("outbound_routes_position_idx").on(t.position),
  ],
);

/** A route's trunks in failover order. A trunk in use can't be deleted (restrict). */
export const outboundRouteTrunks = pgTable(
  "outbound_route_trunks",
  {
    routeId: uuid()
      .notNull()
      .references(() => outboundRoutes.id, { onDelete: "cascade" }),
    trunkId: uuid()
      .notNull()
      .references(() => trunks.id, { onDelete: "restrict" }),
    position: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.routeId, t.trunkId] }),
    index("outbound_route_trunks_trunk_idx").on(t.trunkId),
  ],
);

export type Trunk = typeof trunks.$inferSelect;
export type NewTrunk = typeof trunks.$inferInsert;
export type OutboundRoute = typeof outboundRoutes.$inferSelect;
export type NewOutboundRoute = typeof outboundRoutes.$inferInsert;
export type OutboundRouteTrunk = typeof outboundRouteTrunks.$inferSelect;
export type ClassOfService = (typeof classOfServiceEnum.enumValues)[number];
export type TrunkDirection = (typeof trunkDirectionEnum.enumValues)[number];
export type TrunkAuth = (typeof trunkAuthEnum.enumValues)[number];
export type TrunkTransport = (typeof trunkTransportEnum.enumValues)[number];
export type DtmfMode = (typeof dtmfModeEnum.enumValues)[number];
export type TrunkCallerIdMode = (typeof trunkCallerIdEnum.enumValues)[number];
