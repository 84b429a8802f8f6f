DROP INDEX "cdr_linkedid_idx";--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "direction" varchar(8) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cdr" ADD COLUMN "call_head" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "cdr_head_calldate_idx" ON "cdr" USING btree ("calldate","id") WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_head_duration_idx" ON "cdr" USING btree ("duration","id") WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_head_billsec_idx" ON "cdr" USING btree ("billsec","id") WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_head_day_duration_idx" ON "cdr" USING btree (((calldate at time zone 'UTC')::date),"duration","id") WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_head_day_billsec_idx" ON "cdr" USING btree (((calldate at time zone 'UTC')::date),"billsec","id") WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_head_numbers_trgm_idx" ON "cdr" USING gin ("src" gin_trgm_ops,"dst" gin_trgm_ops,"clid" gin_trgm_ops) WHERE call_head;--> statement-breakpoint
CREATE INDEX "cdr_src_idx" ON "cdr" USING btree ("src","calldate");--> statement-breakpoint
CREATE INDEX "cdr_dst_idx" ON "cdr" USING btree ("dst","calldate");--> statement-breakpoint
CREATE INDEX "cdr_channel_idx" ON "cdr" USING btree ("channel" varchar_pattern_ops,"calldate");--> statement-breakpoint
CREATE INDEX "cdr_dstchannel_idx" ON "cdr" USING btree ("dstchannel" varchar_pattern_ops,"calldate");--> statement-breakpoint
CREATE INDEX "cdr_linkedid_idx" ON "cdr" USING btree ("linkedid","calldate","id");