CREATE TYPE "public"."callback_status" AS ENUM('scheduled', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."wrapup_status" AS ENUM('pending', 'saved', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."wrapup_mode" AS ENUM('off', 'optional', 'required');--> statement-breakpoint
CREATE TABLE "call_wrapups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"user_id" uuid NOT NULL,
	"extension" varchar(8) NOT NULL,
	"queue" varchar(80) NOT NULL,
	"linkedid" varchar(40) NOT NULL,
	"uniqueid" varchar(40),
	"caller_id_num" varchar(80),
	"required" boolean DEFAULT false NOT NULL,
	"notes_required" boolean DEFAULT false NOT NULL,
	"status" "wrapup_status" DEFAULT 'pending' NOT NULL,
	"disposition_code_id" uuid,
	"notes" varchar(2000) DEFAULT '' NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"saved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"number" varchar(32) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" varchar(500) DEFAULT '' NOT NULL,
	"linkedid" varchar(40),
	"status" "callback_status" DEFAULT 'scheduled' NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposition_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32) NOT NULL,
	"label" varchar(60) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "wrapup_mode" "wrapup_mode" DEFAULT 'optional' NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "wrapup_notes_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "call_wrapups" ADD CONSTRAINT "call_wrapups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_wrapups" ADD CONSTRAINT "call_wrapups_disposition_code_id_disposition_codes_id_fk" FOREIGN KEY ("disposition_code_id") REFERENCES "public"."disposition_codes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_wrapups_dedupe_key" ON "call_wrapups" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "call_wrapups_linkedid_idx" ON "call_wrapups" USING btree ("linkedid");--> statement-breakpoint
CREATE INDEX "call_wrapups_pending_idx" ON "call_wrapups" USING btree ("user_id","ended_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "call_wrapups_code_idx" ON "call_wrapups" USING btree ("disposition_code_id","linkedid");--> statement-breakpoint
CREATE INDEX "callbacks_user_due_idx" ON "callbacks" USING btree ("user_id","status","due_at","id");--> statement-breakpoint
CREATE INDEX "callbacks_status_due_idx" ON "callbacks" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "callbacks_linkedid_idx" ON "callbacks" USING btree ("linkedid");--> statement-breakpoint
CREATE UNIQUE INDEX "disposition_codes_code_key" ON "disposition_codes" USING btree ("code");