CREATE TABLE "reconcile_findings" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"provider_instance_id" text NOT NULL,
	"machine_id" text,
	"name" text,
	"provider_status" text,
	"price_per_hour_micros" bigint,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reconcile_findings" ADD CONSTRAINT "reconcile_findings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reconcile_user_instance" ON "reconcile_findings" USING btree ("user_id","provider","provider_instance_id");