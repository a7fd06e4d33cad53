CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "provider_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"sealed_key" text NOT NULL,
	"last4" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ssh_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"sealed_private_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "machine_events" (
	"id" text PRIMARY KEY NOT NULL,
	"machine_id" text NOT NULL,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"message" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "machines" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"origin" text DEFAULT 'deployed' NOT NULL,
	"offer_id" text,
	"gpu_model" text NOT NULL,
	"gpu_count" integer DEFAULT 1 NOT NULL,
	"disk_gb" integer DEFAULT 100 NOT NULL,
	"image" text DEFAULT 'ubuntu-22.04' NOT NULL,
	"region" text,
	"ssh_key_id" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"status_detail" text,
	"provider_instance_id" text,
	"provider_status" text,
	"ssh_host" text,
	"ssh_port" integer,
	"ssh_user" text,
	"host_key_fingerprint" text,
	"price_per_hour_micros" bigint DEFAULT 0 NOT NULL,
	"stopped_price_per_hour_micros" bigint,
	"billing_granularity" text DEFAULT 'second' NOT NULL,
	"can_stop" boolean DEFAULT true NOT NULL,
	"kind" text DEFAULT 'vm' NOT NULL,
	"checkpoint_capable" boolean DEFAULT false NOT NULL,
	"sandbox" boolean DEFAULT false NOT NULL,
	"failure_reason" text,
	"cleanup_alert" text,
	"lease_until" timestamp with time zone,
	"step_started_at" timestamp with time zone,
	"request_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "usage_intervals" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"machine_id" text NOT NULL,
	"provider" text NOT NULL,
	"state" text NOT NULL,
	"rate_per_hour_micros" bigint NOT NULL,
	"granularity" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_credentials" ADD CONSTRAINT "provider_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ssh_keys" ADD CONSTRAINT "ssh_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machine_events" ADD CONSTRAINT "machine_events_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machines" ADD CONSTRAINT "machines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "machines" ADD CONSTRAINT "machines_ssh_key_id_ssh_keys_id_fk" FOREIGN KEY ("ssh_key_id") REFERENCES "public"."ssh_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_intervals" ADD CONSTRAINT "usage_intervals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_intervals" ADD CONSTRAINT "usage_intervals_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "provider_credentials_user_provider" ON "provider_credentials" USING btree ("user_id","provider");--> statement-breakpoint
CREATE INDEX "ssh_keys_user" ON "ssh_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "machine_events_machine" ON "machine_events" USING btree ("machine_id","at");--> statement-breakpoint
CREATE INDEX "machines_user" ON "machines" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "machines_user_request_key" ON "machines" USING btree ("user_id","request_key");--> statement-breakpoint
CREATE INDEX "machines_status" ON "machines" USING btree ("status");--> statement-breakpoint
CREATE INDEX "usage_user_started" ON "usage_intervals" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "usage_machine" ON "usage_intervals" USING btree ("machine_id");