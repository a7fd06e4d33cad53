CREATE TABLE "hibernations" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" text DEFAULT 'user' NOT NULL,
	"gpu_model" text NOT NULL,
	"gpu_count" integer NOT NULL,
	"driver_version" text,
	"processes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"store_endpoint" text,
	"store_bucket" text,
	"object_key" text,
	"upload_id" text,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"image_bytes" bigint,
	"raw_bytes" bigint,
	"sha256" text,
	"storage_price_per_gb_month_micros" integer,
	"progress" jsonb,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"hibernated_at" timestamp with time zone,
	"hibernate_ms" integer,
	"resume_status" text,
	"resume_machine_id" text,
	"resume_error" text,
	"resume_started_at" timestamp with time zone,
	"resumed_at" timestamp with time zone,
	"resume_ms" integer,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "object_stores" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"endpoint" text NOT NULL,
	"region" text NOT NULL,
	"bucket" text NOT NULL,
	"access_key_id" text NOT NULL,
	"sealed_secret" text NOT NULL,
	"price_per_gb_month_micros" integer NOT NULL,
	"force_path_style" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hibernations" ADD CONSTRAINT "hibernations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hibernations" ADD CONSTRAINT "hibernations_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hibernations" ADD CONSTRAINT "hibernations_resume_machine_id_machines_id_fk" FOREIGN KEY ("resume_machine_id") REFERENCES "public"."machines"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "object_stores" ADD CONSTRAINT "object_stores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hibernations_user" ON "hibernations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "hibernations_machine" ON "hibernations" USING btree ("machine_id");--> statement-breakpoint
CREATE INDEX "hibernations_resume_machine" ON "hibernations" USING btree ("resume_machine_id");--> statement-breakpoint
CREATE UNIQUE INDEX "object_stores_user" ON "object_stores" USING btree ("user_id");