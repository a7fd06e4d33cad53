ALTER TABLE "budget_actions" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "budget_actions" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;