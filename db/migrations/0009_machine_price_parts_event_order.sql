ALTER TABLE "machine_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "machines" ADD COLUMN "price_parts" jsonb;--> statement-breakpoint
CREATE INDEX "machine_events_machine_seq" ON "machine_events" USING btree ("machine_id","seq");