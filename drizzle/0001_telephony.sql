CREATE TYPE "public"."revision_status" AS ENUM('applied', 'failed', 'noop');--> statement-breakpoint
CREATE TYPE "public"."destination_type" AS ENUM('extension', 'group', 'queue', 'voicemail', 'hangup');--> statement-breakpoint
CREATE TYPE "public"."group_strategy" AS ENUM('ringall', 'hunt');--> statement-breakpoint
CREATE TYPE "public"."recording_policy" AS ENUM('always', 'never', 'on_demand');--> statement-breakpoint
CREATE TYPE "public"."queue_member_kind" AS ENUM('static', 'dynamic');--> statement-breakpoint
CREATE TYPE "public"."queue_strategy" AS ENUM('ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom');--> statement-breakpoint
CREATE TABLE "config_blobs" (
	"sha256" varchar(64) PRIMARY KEY NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" varchar(40) NOT NULL,
	"entity_id" varchar(64),
	"entity_label" varchar(120),
	"action" varchar(20) NOT NULL,
	"user_id" uuid,
	"revision_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "config_revision_files" (
	"revision_id" bigint NOT NULL,
	"path" varchar(120) NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "config_revision_files_revision_id_path_pk" PRIMARY KEY("revision_id","path")
);
--> statement-breakpoint
CREATE TABLE "config_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"user_email" varchar(254),
	"status" "revision_status" NOT NULL,
	"rollback_of" bigint,
	"changed_files" text[] DEFAULT '{}' NOT NULL,
	"reloaded" text[] DEFAULT '{}' NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"error" text,
	"error_source" varchar(200),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extension_group_members" (
	"group_id" uuid NOT NULL,
	"extension_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "extension_group_members_group_id_extension_id_pk" PRIMARY KEY("group_id","extension_id")
);
--> statement-breakpoint
CREATE TABLE "extension_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"name" varchar(40) NOT NULL,
	"strategy" "group_strategy" DEFAULT 'ringall' NOT NULL,
	"ring_time" smallint DEFAULT 20 NOT NULL,
	"failover_type" "destination_type" DEFAULT 'hangup' NOT NULL,
	"failover_target" varchar(8),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"display_name" varchar(40) NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"webrtc" boolean DEFAULT false NOT NULL,
	"codecs" text[] DEFAULT '{ulaw,alaw}'::text[] NOT NULL,
	"max_contacts" smallint DEFAULT 1 NOT NULL,
	"voicemail_enabled" boolean DEFAULT false NOT NULL,
	"voicemail_pin" varchar(10),
	"recording_policy" "recording_policy" DEFAULT 'never' NOT NULL,
	"outbound_caller_id" varchar(32),
	"pickup_group" smallint,
	"call_waiting" boolean DEFAULT true NOT NULL,
	"dnd" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_members" (
	"queue_id" uuid NOT NULL,
	"extension_id" uuid NOT NULL,
	"kind" "queue_member_kind" DEFAULT 'static' NOT NULL,
	"penalty" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_members_queue_id_extension_id_pk" PRIMARY KEY("queue_id","extension_id")
);
--> statement-breakpoint
CREATE TABLE "queue_vip_callers" (
	"queue_id" uuid NOT NULL,
	"number" varchar(32) NOT NULL,
	"priority" smallint DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "queue_vip_callers_queue_id_number_pk" PRIMARY KEY("queue_id","number")
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"name" varchar(40) NOT NULL,
	"strategy" "queue_strategy" DEFAULT 'ringall' NOT NULL,
	"member_timeout" smallint DEFAULT 15 NOT NULL,
	"retry" smallint DEFAULT 5 NOT NULL,
	"wrapup_time" smallint DEFAULT 0 NOT NULL,
	"max_len" smallint DEFAULT 0 NOT NULL,
	"weight" smallint DEFAULT 0 NOT NULL,
	"join_empty" boolean DEFAULT true NOT NULL,
	"leave_when_empty" boolean DEFAULT false NOT NULL,
	"announce_position" boolean DEFAULT false NOT NULL,
	"announce_hold_time" boolean DEFAULT false NOT NULL,
	"moh_class" varchar(64) DEFAULT 'default' NOT NULL,
	"service_level" smallint DEFAULT 20 NOT NULL,
	"recording_policy" "recording_policy" DEFAULT 'never' NOT NULL,
	"active_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"out_of_hours_type" "destination_type" DEFAULT 'hangup' NOT NULL,
	"out_of_hours_target" varchar(8),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "config_changes" ADD CONSTRAINT "config_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_changes" ADD CONSTRAINT "config_changes_revision_id_config_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."config_revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_revision_files" ADD CONSTRAINT "config_revision_files_revision_id_config_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."config_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_revision_files" ADD CONSTRAINT "config_revision_files_sha256_config_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."config_blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "config_revisions" ADD CONSTRAINT "config_revisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_group_members" ADD CONSTRAINT "extension_group_members_group_id_extension_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."extension_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "extension_group_members" ADD CONSTRAINT "extension_group_members_extension_id_extensions_id_fk" FOREIGN KEY ("extension_id") REFERENCES "public"."extensions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_members" ADD CONSTRAINT "queue_members_extension_id_extensions_id_fk" FOREIGN KEY ("extension_id") REFERENCES "public"."extensions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_vip_callers" ADD CONSTRAINT "queue_vip_callers_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "config_changes_pending_idx" ON "config_changes" USING btree ("revision_id","id");--> statement-breakpoint
CREATE INDEX "extension_group_members_ext_idx" ON "extension_group_members" USING btree ("extension_id");--> statement-breakpoint
CREATE UNIQUE INDEX "extension_groups_number_key" ON "extension_groups" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "extensions_number_key" ON "extensions" USING btree ("number");--> statement-breakpoint
CREATE INDEX "extensions_name_idx" ON "extensions" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "queue_members_ext_idx" ON "queue_members" USING btree ("extension_id");--> statement-breakpoint
CREATE UNIQUE INDEX "queues_number_key" ON "queues" USING btree ("number");