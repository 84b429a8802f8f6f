CREATE TYPE "public"."qa_review_status" AS ENUM('submitted', 'acknowledged', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."recording_source" AS ENUM('policy', 'on_demand');--> statement-breakpoint
CREATE TABLE "qa_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recording_id" uuid,
	"linkedid" varchar(40) NOT NULL,
	"scorecard_id" uuid NOT NULL,
	"scorecard_snapshot" jsonb NOT NULL,
	"reviewer_id" uuid,
	"agent_user_id" uuid,
	"agent_extension" varchar(20),
	"queue" varchar(20),
	"answers" jsonb NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"score" real NOT NULL,
	"critical_failed" boolean DEFAULT false NOT NULL,
	"status" "qa_review_status" DEFAULT 'submitted' NOT NULL,
	"agent_comment" text,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(80) NOT NULL,
	"description" varchar(500) DEFAULT '' NOT NULL,
	"sections" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"linkedid" varchar(40) NOT NULL,
	"uniqueid" varchar(40),
	"path" varchar(255) NOT NULL,
	"format" varchar(16) NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms" integer,
	"source" "recording_source" NOT NULL,
	"agent_extension" varchar(20),
	"queue" varchar(20),
	"file_mtime" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_recording_id_recordings_id_fk" FOREIGN KEY ("recording_id") REFERENCES "public"."recordings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_scorecard_id_qa_scorecards_id_fk" FOREIGN KEY ("scorecard_id") REFERENCES "public"."qa_scorecards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qa_reviews" ADD CONSTRAINT "qa_reviews_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "qa_reviews_recording_key" ON "qa_reviews" USING btree ("recording_id");--> statement-breakpoint
CREATE INDEX "qa_reviews_agent_idx" ON "qa_reviews" USING btree ("agent_user_id","created_at");--> statement-breakpoint
CREATE INDEX "qa_reviews_created_idx" ON "qa_reviews" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "qa_reviews_status_idx" ON "qa_reviews" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "qa_scorecards_name_key" ON "qa_scorecards" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "recordings_path_key" ON "recordings" USING btree ("path");--> statement-breakpoint
CREATE INDEX "recordings_linkedid_idx" ON "recordings" USING btree ("linkedid");--> statement-breakpoint
CREATE INDEX "recordings_mtime_idx" ON "recordings" USING btree ("file_mtime");