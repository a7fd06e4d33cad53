CREATE TABLE "live_price_sources" (
	"provider" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"via" text,
	"attempted_at" timestamp with time zone NOT NULL,
	"succeeded_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "live_prices" (
	"provider" text NOT NULL,
	"gpu_model" text NOT NULL,
	"min_per_gpu_hour_micros" bigint NOT NULL,
	"offer_count" integer NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "live_prices_provider_gpu_model_pk" PRIMARY KEY("provider","gpu_model")
);
