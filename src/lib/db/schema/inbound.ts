import {
  bigserial,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { destinationTypeEnum } from "./extensions";
import { queues } from "./queues";

/**
 * Inbound routing: DIDs with their caller-ID rules, block and allow lists (kept in AstDB as well,
 * so a change to an exact number is live without a dialplan reload), ring trees, and the
 * SwitchboardRoute steps real calls report.
 */

export const callerListKindEnum = pgEnum("caller_list_kind", ["block", "allow"]);
/** What a ring-tree node does: ring a destination for its timeout, end the call, or screen the caller. */
export const ringTreeNodeKindEnum = pgEnum("ring_tree_node_kind", [
  "extension",
  "group",
  "queue",
  "voicemail",
  "hangup",
  "filter",
]);

export const callerLists = pgTable(
  "caller_lists",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: varchar({ length: 40 }).notNull(),
    kind: callerListKindEnum().notNull().default("block"),
    description: varchar({ length: 200 }).notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("caller_lists_name_key").on(t.name)],
);

export const callerListEntries = pgTable(
  "caller_list_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    listId: uuid()
      .notNull()
      .references(() => callerLists.id, { onDelete: "cascade" }),
    /** A dialable number (exact match, via AstDB) or an Asterisk pattern starting with `_`. */
    value: varchar({ length: 48 }).notNull(),
    /** Null: never expires. */
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("caller_list_entries_value_key").on(t.listId, t.value),
    index("caller_list_entries_expiry_idx").on(t.expiresAt),
  ],
);

export const dids = pgTable(
  "dids",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 21 }).notNull(),
    description: varchar({ length: 40 }).notNull().default(""),
    /**
     * The identifier of the trunk the number arrives on (informational, shown in the trace). A
     * plain text column until the trunks table lands; it becomes a reference at merge.
     */
    trunkName: varchar({ length: 64 }),
    destinationType: destinationTypeEnum().notNull().default("hangup"),
    destinationTarget: varchar({ length: 8 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("dids_number_key").on(t.number),
    index("dids_destination_idx").on(t.destinationType, t.destinationTarget),
  ],
);

/** Ordered: the first rule whose pattern matches the caller picks the destination. */
export const didCallerRules = pgTable(
  "did_caller_rules",
  {
    didId: uuid()
      .notNull()
      .references(() => dids.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    pattern: varchar({ length: 48 }).notNull(),
    destinationType: destinationTypeEnum().notNull(),
    destinationTarget: varchar({ length: 8 }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.didId, t.position] }),
    index("did_caller_rules_destination_idx").on(t.destinationType, t.destinationTarget),
  ],
);

export const ringTrees = pgTable(
  "ring_trees",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: varchar({ length: 8 }).notNull(),
    name: varchar({ length: 40 }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("ring_trees_number_key").on(t.number)],
);

/**
 * A ring tree's nodes in preorder (`position`), with their depth (0 = root). Stored flat: a tree
 * has at most three levels and is always saved whole.
 */
export const ringTreeNodes = pgTable(
  "ring_tree_nodes",
  {
    treeId: uuid()
      .notNull()
      .references(() => ringTrees.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    /** Stable within the tree ("n1", "n2"…): the trace's detail. */
    nodeKey: varchar({ length: 16 }).notNull(),
    parentKey: varchar({ length: 16 }),
    kind: ringTreeNodeKindEnum().notNull(),
    /** Extension, group, queue or voicemail number; null for hangup and filter. */
    target: varchar({ length: 8 }),
    /** The list a filter node screens with. */
    listId: uuid().references(() => callerLists.id, { onDelete: "restrict" }),
    timeout: smallint().notNull().default(20),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.treeId, t.position] }),
    uniqueIndex("ring_tree_nodes_key").on(t.treeId, t.nodeKey),
    index("ring_tree_nodes_target_idx").on(t.kind, t.target),
    index("ring_tree_nodes_list_idx").on(t.listId),
  ],
);

/** Which lists screen callers of a DID, a queue or a ring tree (exactly one owner per row). */
export const callerListAssignments = pgTable(
  "caller_list_assignments",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    listId: uuid()
      .notNull()
      .references(() => callerLists.id, { onDelete: "restrict" }),
    didId: uuid().references(() => dids.id, { onDelete: "cascade" }),
    queueId: uuid().references(() => queues.id, { onDelete: "cascade" }),
    ringTreeId: uuid().references(() => ringTrees.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("caller_list_assignments_list_idx").on(t.listId),
    uniqueIndex("caller_list_assignments_did_key").on(t.didId, t.listId),
    uniqueIndex("caller_list_assignments_queue_key").on(t.queueId, t.listId),
    uniqueIndex("caller_list_assignments_tree_key").on(t.ringTreeId, t.listId),
  ],
);

/**
 * The `UserEvent: SwitchboardRoute` steps of real calls, by Linkedid, for the call timeline.
 * (uniqueid, seq) makes a replayed event a no-op.
 */
export const routeEvents = pgTable(
  "route_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    linkedid: varchar({ length: 64 }).notNull(),
    uniqueid: varchar({ length: 64 }).notNull(),
    /** The AMI event's sequence number on its channel (SequenceNumber), or a hash of the step. */
    seq: varchar({ length: 64 }).notNull(),
    step: varchar({ length: 20 }).notNull(),
    target: varchar({ length: 64 }).notNull(),
    detail: varchar({ length: 64 }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("route_events_event_key").on(t.uniqueid, t.seq),
    index("route_events_linkedid_idx").on(t.linkedid, t.occurredAt),
  ],
);

export type CallerList = typeof callerLists.$inferSelect;
export type NewCallerList = typeof callerLists.$inferInsert;
export type CallerListEntry = typeof callerListEntries.$inferSelect;
export type NewCallerListEntry = typeof callerListEntries.$inferInsert;
export type Did = typeof dids.$inferSelect;
export type NewDid = typeof dids.$inferInsert;
export type DidCallerRule = typeof didCallerRules.$inferSelect;
export type NewDidCallerRule = typeof didCallerRules.$inferInsert;
export type RingTree = typeof ringTrees.$inferSelect;
export type NewRingTree = typeof ringTrees.$inferInsert;
export type RingTreeNode = typeof ringTreeNodes.$inferSelect;
export type NewRingTreeNode = typeof ringTreeNodes.$inferInsert;
export type CallerListAssignment = typeof callerListAssignments.$inferSelect;
export type RouteEventRow = typeof routeEvents.$inferSelect;
export type NewRouteEventRow = typeof routeEvents.$inferInsert;
export type CallerListKind = (typeof callerListKindEnum.enumValues)[number];
export type RingTreeNodeKind = (typeof ringTreeNodeKindEnum.enumValues)[number];
