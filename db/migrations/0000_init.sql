CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "catalog_prices" (
	"provider_slug" text NOT NULL,
	"gpu" text NOT NULL,
	"vram" text NOT NULL,
	"min_micros" bigint NOT NULL,
	"max_micros" bigint,
	"approximate" boolean NOT NULL,
	"source_label" text NOT NULL,
	"source_date" text,
	CONSTRAINT "catalog_prices_provider_slug_gpu_vram_pk" PRIMARY KEY("provider_slug","gpu","vram")
);
--> statement-breakpoint
CREATE TABLE "catalog_providers" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"checkpoint_support" text NOT NULL,
	"headline_h100_micros" bigint NOT NULL,
	"billing_granularity" text NOT NULL,
	"can_stop" boolean,
	"position" integer NOT NULL,
	"entry" jsonb NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_prices" ADD CONSTRAINT "catalog_prices_provider_slug_catalog_providers_slug_fk" FOREIGN KEY ("provider_slug") REFERENCES "public"."catalog_providers"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_throttle_blocked_idx" ON "auth_throttle" USING btree ("blocked_until");