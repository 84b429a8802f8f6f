CREATE TYPE "public"."class_of_service" AS ENUM('internal', 'local', 'national', 'international');--> statement-breakpoint
CREATE TYPE "public"."dtmf_mode" AS ENUM('rfc4733', 'inband', 'info', 'auto');--> statement-breakpoint
CREATE TYPE "public"."trunk_auth" AS ENUM('registration', 'ip');--> statement-breakpoint
CREATE TYPE "public"."trunk_caller_id" AS ENUM('extension', 'fixed', 'passthrough');--> statement-breakpoint
CREATE TYPE "public"."trunk_direction" AS ENUM('outbound', 'inbound', 'both');--> statement-breakpoint
CREATE TYPE "public"."trunk_transport" AS ENUM('udp', 'tcp', 'tls');--> statement-breakpoint
CREATE TABLE "outbound_route_trunks" (
	"route_id" uuid NOT NULL,
	"trunk_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_route_trunks_route_id_trunk_id_pk" PRIMARY KEY("route_id","trunk_id")
);
--> statement-breakpoint
CREATE TABLE "outbound_routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(40) NOT NULL,
	"position" integer NOT NULL,
	"patterns" text[] NOT NULL,
	"strip" smallint DEFAULT 0 NOT NULL,
	"prepend" varchar(32) DEFAULT '' NOT NULL,
	"caller_id" varchar(32),
	"classes" "class_of_service"[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(40) NOT NULL,
	"direction" "trunk_direction" DEFAULT 'both' NOT NULL,
	"auth_mode" "trunk_auth" DEFAULT 'registration' NOT NULL,
	"host" varchar(253) NOT NULL,
	"port" integer DEFAULT 5060 NOT NULL,
	"transport" "trunk_transport" DEFAULT 'udp' NOT NULL,
	"username" varchar(64),
	"secret" text,
	"from_user" varchar(64),
	"codecs" text[] DEFAULT '{ulaw,alaw}'::text[] NOT NULL,
	"dtmf_mode" "dtmf_mode" DEFAULT 'rfc4733' NOT NULL,
	"max_channels" smallint DEFAULT 0 NOT NULL,
	"caller_id_mode" "trunk_caller_id" DEFAULT 'extension' NOT NULL,
	"fixed_caller_id" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "extensions" ADD COLUMN "class_of_service" "class_of_service" DEFAULT 'national' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_route_trunks" ADD CONSTRAINT "outbound_route_trunks_route_id_outbound_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."outbound_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_route_trunks" ADD CONSTRAINT "outbound_route_trunks_trunk_id_trunks_id_fk" FOREIGN KEY ("trunk_id") REFERENCES "public"."trunks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbound_route_trunks_trunk_idx" ON "outbound_route_trunks" USING btree ("trunk_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_routes_name_key" ON "outbound_routes" USING btree ("name");--> statement-breakpoint
CREATE INDEX "outbound_routes_position_idx" ON "outbound_routes" USING btree ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "trunks_name_key" ON "trunks" USING btree ("name");