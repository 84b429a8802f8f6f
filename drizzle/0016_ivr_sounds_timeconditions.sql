CREATE TYPE "public"."moh_sort" AS ENUM('alpha', 'random');--> statement-breakpoint
CREATE TABLE "ivr_refs" (
	"ivr_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"target" varchar(40) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ivr_refs_ivr_id_kind_target_pk" PRIMARY KEY("ivr_id","kind","target")
);
--> statement-breakpoint
CREATE TABLE "ivr_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ivr_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"graph" jsonb NOT NULL,
	"saved_by" uuid,
	"note" varchar(80),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ivrs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"name" varchar(40) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"graph" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moh_class_sounds" (
	"class_id" uuid NOT NULL,
	"sound_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moh_class_sounds_class_id_position_pk" PRIMARY KEY("class_id","position")
);
--> statement-breakpoint
CREATE TABLE "moh_classes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(64) NOT NULL,
	"sort" "moh_sort" DEFAULT 'alpha' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(64) NOT NULL,
	"source_format" varchar(8) NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "time_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(8) NOT NULL,
	"name" varchar(40) NOT NULL,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"holidays" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"matched_type" "destination_type" DEFAULT 'hangup' NOT NULL,
	"matched_target" varchar(8),
	"unmatched_type" "destination_type" DEFAULT 'hangup' NOT NULL,
	"unmatched_target" varchar(8),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ivr_refs" ADD CONSTRAINT "ivr_refs_ivr_id_ivrs_id_fk" FOREIGN KEY ("ivr_id") REFERENCES "public"."ivrs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ivr_versions" ADD CONSTRAINT "ivr_versions_ivr_id_ivrs_id_fk" FOREIGN KEY ("ivr_id") REFERENCES "public"."ivrs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ivr_versions" ADD CONSTRAINT "ivr_versions_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moh_class_sounds" ADD CONSTRAINT "moh_class_sounds_class_id_moh_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."moh_classes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moh_class_sounds" ADD CONSTRAINT "moh_class_sounds_sound_id_sounds_id_fk" FOREIGN KEY ("sound_id") REFERENCES "public"."sounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sounds" ADD CONSTRAINT "sounds_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ivr_refs_target_idx" ON "ivr_refs" USING btree ("kind","target");--> statement-breakpoint
CREATE UNIQUE INDEX "ivr_versions_ivr_version_key" ON "ivr_versions" USING btree ("ivr_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ivrs_number_key" ON "ivrs" USING btree ("number");--> statement-breakpoint
CREATE INDEX "moh_class_sounds_sound_idx" ON "moh_class_sounds" USING btree ("sound_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moh_classes_name_key" ON "moh_classes" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "sounds_name_key" ON "sounds" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "time_conditions_number_key" ON "time_conditions" USING btree ("number");--> statement-breakpoint
CREATE INDEX "time_conditions_matched_idx" ON "time_conditions" USING btree ("matched_type","matched_target");--> statement-breakpoint
CREATE INDEX "time_conditions_unmatched_idx" ON "time_conditions" USING btree ("unmatched_type","unmatched_target");