CREATE TYPE "public"."agent_session_kind" AS ENUM('login', 'pause');--> statement-breakpoint
CREATE TYPE "public"."queue_event_kind" AS ENUM('join', 'leave', 'abandon', 'connect', 'complete', 'ringnoanswer', 'pause', 'unpause', 'add', 'remove');--> statement-breakpoint
CREATE TYPE "public"."spy_mode" AS ENUM('listen', 'whisper', 'barge');--> statement-breakpoint
CREATE TABLE "agent_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"kind" "agent_session_kind" NOT NULL,
	"interface" varchar(120) NOT NULL,
	"queue" varchar(80) NOT NULL,
	"reason" varchar(120),
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cdr" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"calldate" timestamp with time zone NOT NULL,
	"answer" timestamp with time zone,
	"end" timestamp with time zone,
	"clid" varchar(160) DEFAULT '' NOT NULL,
	"src" varchar(80) DEFAULT '' NOT NULL,
	"dst" varchar(80) DEFAULT '' NOT NULL,
	"dcontext" varchar(80) DEFAULT '' NOT NULL,
	"channel" varchar(160) DEFAULT '' NOT NULL,
	"dstchannel" varchar(160) DEFAULT '' NOT NULL,
	"lastapp" varchar(80) DEFAULT '' NOT NULL,
	"lastdata" varchar(256) DEFAULT '' NOT NULL,
	"duration" integer DEFAULT 0 NOT NULL,
	"billsec" integer DEFAULT 0 NOT NULL,
	"disposition" varchar(45) DEFAULT '' NOT NULL,
	"amaflags" varchar(45) DEFAULT '' NOT NULL,
	"accountcode" varchar(80) DEFAULT '' NOT NULL,
	"uniqueid" varchar(40) NOT NULL,
	"linkedid" varchar(40) DEFAULT '' NOT NULL,
	"userfield" varchar(256) DEFAULT '' NOT NULL,
	"peeraccount" varchar(80) DEFAULT '' NOT NULL,
	"sequence" bigint DEFAULT 0 NOT NULL,
	"origin" varchar(8) DEFAULT 'pgsql' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" "queue_event_kind" NOT NULL,
	"queue" varchar(80) NOT NULL,
	"uniqueid" varchar(40),
	"linkedid" varchar(40),
	"interface" varchar(120),
	"member_name" varchar(120),
	"caller_id_num" varchar(80),
	"position" integer,
	"hold_time" integer,
	"talk_time" integer,
	"reason" varchar(120),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "break_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32) NOT NULL,
	"label" varchar(60) NOT NULL,
	"paid" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"supervisor_id" uuid,
	"supervisor_extension" varchar(8) NOT NULL,
	"mode" "spy_mode" NOT NULL,
	"target_channel" varchar(160) NOT NULL,
	"target_extension" varchar(8),
	"action_id" varchar(80) NOT NULL,
	"spy_uniqueid" varchar(40),
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_supervisor" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "team_queues" (
	"team_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_queues_team_id_queue_id_pk" PRIMARY KEY("team_id","queue_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(60) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_queues" ADD CONSTRAINT "team_queues_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_queues" ADD CONSTRAINT "team_queues_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_sessions_dedupe_key" ON "agent_sessions" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "agent_sessions_open_idx" ON "agent_sessions" USING btree ("interface","queue","kind","ended_at");--> statement-breakpoint
CREATE INDEX "agent_sessions_started_idx" ON "agent_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cdr_uniqueid_sequence_key" ON "cdr" USING btree ("uniqueid","sequence");--> statement-breakpoint
CREATE INDEX "cdr_calldate_idx" ON "cdr" USING btree ("calldate","id");--> statement-breakpoint
CREATE INDEX "cdr_linkedid_idx" ON "cdr" USING btree ("linkedid");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_events_dedupe_key" ON "queue_events" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "queue_events_queue_time_idx" ON "queue_events" USING btree ("queue","occurred_at");--> statement-breakpoint
CREATE INDEX "queue_events_linkedid_idx" ON "queue_events" USING btree ("linkedid");--> statement-breakpoint
CREATE INDEX "queue_events_interface_time_idx" ON "queue_events" USING btree ("interface","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "break_codes_code_key" ON "break_codes" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_sessions_action_key" ON "supervision_sessions" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "supervision_sessions_supervisor_idx" ON "supervision_sessions" USING btree ("supervisor_id","started_at");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_queues_queue_idx" ON "team_queues" USING btree ("queue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_key" ON "teams" USING btree ("name");