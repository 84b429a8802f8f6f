ALTER TABLE "queues" ADD COLUMN "join_announce_sound_id" uuid;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "periodic_announce_sound_id" uuid;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "periodic_announce_frequency" smallint;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "agent_announce_sound_id" uuid;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_join_announce_sound_id_sounds_id_fk" FOREIGN KEY ("join_announce_sound_id") REFERENCES "public"."sounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_periodic_announce_sound_id_sounds_id_fk" FOREIGN KEY ("periodic_announce_sound_id") REFERENCES "public"."sounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_agent_announce_sound_id_sounds_id_fk" FOREIGN KEY ("agent_announce_sound_id") REFERENCES "public"."sounds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queues_join_announce_sound_idx" ON "queues" USING btree ("join_announce_sound_id");--> statement-breakpoint
CREATE INDEX "queues_periodic_announce_sound_idx" ON "queues" USING btree ("periodic_announce_sound_id");--> statement-breakpoint
CREATE INDEX "queues_agent_announce_sound_idx" ON "queues" USING btree ("agent_announce_sound_id");--> statement-breakpoint
ALTER TABLE "queues" ADD CONSTRAINT "queues_periodic_announce_check" CHECK (("queues"."periodic_announce_sound_id" is null) = ("queues"."periodic_announce_frequency" is null) and coalesce("queues"."periodic_announce_frequency" between 15 and 600, true));