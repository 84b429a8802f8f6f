CREATE TYPE "public"."caller_list_kind" AS ENUM('block', 'allow');--> statement-breakpoint
CREATE TYPE "public"."ring_tree_node_kind" AS ENUM('extension', 'group', 'queue', 'voicemail', 'hangup', 'filter');--> statement-breakpoint
CREATE TABLE "caller_list_assignments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"list_id" uuid NOT NULL,
	"did_id" uuid,
	"queue_id" uuid,
	"ring_tree_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "caller_list_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"value" varchar(48) NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "caller_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(40) NOT NULL,
	"kind" "caller_list_kind" DEFAULT 'block' NOT NULL,
	"description" varchar(200) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "did_caller_rules" (
	"did_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"pattern" varchar(48) NOT NULL,
	"destination_type" "destination_type" NOT NULL,
	"destination_target" varchar(8),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "did_caller_rules_did_id_position_pk" PRIMARY KEY("did_id","position")
);
--> statement-breakpoint
CREATE TABLE "dids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(21) NOT NULL,
	"description" varchar(40) DEFAULT '' NOT NULL,
	"trunk_name" varchar(64),
	"destination_type" "destination_type" DEFAULT 'hangup' NOT NULL,
	"destination_target" varchar(8),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ring_tree_nodes" (
	"tree_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"node_key" varchar(16) NOT NULL,
	"parent_key" varchar(16),
	"kind" "ring_tree_node_kind" NOT NULL,
	"target" varchar(8),
	"list_id" uuid,
	"timeout" smallint DEFAULT 20 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ring_tree_nodes_tree_id_position_pk" PRIMARY KEY("tree_id","position")
);
--> statement-breakpoint
CREATE TABLE "ring_trees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"name" varchar(40) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "route_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"linkedid" varchar(64) NOT NULL,
	"uniqueid" varchar(64) NOT NULL,
	"seq" varchar(64) NOT NULL,
	"step" varchar(20) NOT NULL,
	"target" varchar(64) NOT NULL,
	"detail" varchar(64) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "caller_list_assignments" ADD CONSTRAINT "caller_list_assignments_list_id_caller_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."caller_lists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_list_assignments" ADD CONSTRAINT "caller_list_assignments_did_id_dids_id_fk" FOREIGN KEY ("did_id") REFERENCES "public"."dids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_list_assignments" ADD CONSTRAINT "caller_list_assignments_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_list_assignments" ADD CONSTRAINT "caller_list_assignments_ring_tree_id_ring_trees_id_fk" FOREIGN KEY ("ring_tree_id") REFERENCES "public"."ring_trees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_list_entries" ADD CONSTRAINT "caller_list_entries_list_id_caller_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."caller_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "did_caller_rules" ADD CONSTRAINT "did_caller_rules_did_id_dids_id_fk" FOREIGN KEY ("did_id") REFERENCES "public"."dids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ring_tree_nodes" ADD CONSTRAINT "ring_tree_nodes_tree_id_ring_trees_id_fk" FOREIGN KEY ("tree_id") REFERENCES "public"."ring_trees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ring_tree_nodes" ADD CONSTRAINT "ring_tree_nodes_list_id_caller_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."caller_lists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "caller_list_assignments_list_idx" ON "caller_list_assignments" USING btree ("list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "caller_list_assignments_did_key" ON "caller_list_assignments" USING btree ("did_id","list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "caller_list_assignments_queue_key" ON "caller_list_assignments" USING btree ("queue_id","list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "caller_list_assignments_tree_key" ON "caller_list_assignments" USING btree ("ring_tree_id","list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "caller_list_entries_value_key" ON "caller_list_entries" USING btree ("list_id","value");--> statement-breakpoint
CREATE INDEX "caller_list_entries_expiry_idx" ON "caller_list_entries" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "caller_lists_name_key" ON "caller_lists" USING btree ("name");--> statement-breakpoint
CREATE INDEX "did_caller_rules_destination_idx" ON "did_caller_rules" USING btree ("destination_type","destination_target");--> statement-breakpoint
CREATE UNIQUE INDEX "dids_number_key" ON "dids" USING btree ("number");--> statement-breakpoint
CREATE INDEX "dids_destination_idx" ON "dids" USING btree ("destination_type","destination_target");--> statement-breakpoint
CREATE UNIQUE INDEX "ring_tree_nodes_key" ON "ring_tree_nodes" USING btree ("tree_id","node_key");--> statement-breakpoint
CREATE INDEX "ring_tree_nodes_target_idx" ON "ring_tree_nodes" USING btree ("kind","target");--> statement-breakpoint
CREATE INDEX "ring_tree_nodes_list_idx" ON "ring_tree_nodes" USING btree ("list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ring_trees_number_key" ON "ring_trees" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "route_events_event_key" ON "route_events" USING btree ("uniqueid","seq");--> statement-breakpoint
CREATE INDEX "route_events_linkedid_idx" ON "route_events" USING btree ("linkedid","occurred_at");