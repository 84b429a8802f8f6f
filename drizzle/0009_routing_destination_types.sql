ALTER TYPE "public"."destination_type" ADD VALUE 'ivr';--> statement-breakpoint
ALTER TYPE "public"."destination_type" ADD VALUE 'timecondition';--> statement-breakpoint
ALTER TYPE "public"."destination_type" ADD VALUE 'ringtree';