CREATE TABLE "agent_states" (
	"machine_id" text PRIMARY KEY NOT NULL,
	"watched_until" timestamp with time zone,
	"refreshed_at" timestamp with time zone,
	"refresh_error" text,
	"refresh_error_code" text,
	"probe_requested_at" timestamp with time zone,
	"host_key_expected" text,
	"host_key_actual" text,
	"host_key_changed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoint_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"machine_id" text NOT NULL,
	"user_id" text NOT NULL,
	"pid" integer NOT NULL,
	"action" text NOT NULL,
	"criu" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"deadline_at" timestamp with time zone NOT NULL,
	"duration_ms" integer,
	"bytes" bigint,
	"image_path" text,
	"image_bytes" bigint,
	"initial_state" text,
	"final_state" text,
	"error" text,
	"error_code" text,
	"steps" jsonb
);
--> statement-breakpoint
CREATE TABLE "cuda_processes" (
	"machine_id" text NOT NULL,
	"pid" integer NOT NULL,
	"name" text,
	"used_memory_mib" integer,
	"state" text NOT NULL,
	"state_error" text,
	"checkpointed" boolean DEFAULT false NOT NULL,
	"criu_operation_id" text,
	"last_seen_at" timestamp with time zone,
	"vanished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cuda_processes_machine_id_pid_pk" PRIMARY KEY("machine_id","pid")
);
--> statement-breakpoint
CREATE TABLE "probes" (
	"id" text PRIMARY KEY NOT NULL,
	"machine_id" text NOT NULL,
	"user_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready" boolean DEFAULT false NOT NULL,
	"criu_ready" boolean DEFAULT false NOT NULL,
	"verdict" jsonb,
	"result" jsonb,
	"error" text,
	"error_code" text
);
--> statement-breakpoint
CREATE TABLE "setup_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"machine_id" text NOT NULL,
	"user_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"log" text DEFAULT '' NOT NULL,
	"error" text,
	"reboot_required" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"deadline_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_states" ADD CONSTRAINT "agent_states_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_operations" ADD CONSTRAINT "checkpoint_operations_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoint_operations" ADD CONSTRAINT "checkpoint_operations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cuda_processes" ADD CONSTRAINT "cuda_processes_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probes" ADD CONSTRAINT "probes_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probes" ADD CONSTRAINT "probes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setup_runs" ADD CONSTRAINT "setup_runs_machine_id_machines_id_fk" FOREIGN KEY ("machine_id") REFERENCES "public"."machines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "setup_runs" ADD CONSTRAINT "setup_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkpoint_operations_machine" ON "checkpoint_operations" USING btree ("machine_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "checkpoint_operations_one_active" ON "checkpoint_operations" USING btree ("machine_id","pid") WHERE "checkpoint_operations"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "probes_machine_at" ON "probes" USING btree ("machine_id","at");--> statement-breakpoint
CREATE INDEX "setup_runs_machine" ON "setup_runs" USING btree ("machine_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "setup_runs_one_active" ON "setup_runs" USING btree ("machine_id") WHERE "setup_runs"."status" in ('queued', 'running');