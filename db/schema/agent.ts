import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { machines } from "./machines";
import { users } from "./users";

/**
 * Readiness probes: what the agent found on a machine and the verdict, with the date. A probe that
 * could not run (no key, SSH refused, host key changed) is stored too, with its error.
 */
export const probes = pgTable(
  "probes",
  {
    id: text("id").primaryKey(),
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    ready: boolean("ready").notNull().default(false),
    criuReady: boolean("criu_ready").notNull().default(false),
    /** lib/agent Verdict ({ ready, criuReady, reasons }); null when the probe could not run. */
    verdict: jsonb("verdict"),
    /** lib/agent ProbeResult (kernel, caps, GPUs, driver, cuda-checkpoint, criu). */
    result: jsonb("result"),
    error: text("error"),
    /** AgentError code ("host_key_changed", "auth_failed", "no_agent_key", …). */
    errorCode: text("error_code"),
  },
  (t) => [index("probes_machine_at").on(t.machineId, t.at)],
);

/**
 * CUDA processes seen on a machine, with their checkpoint state. `checkpointed` is our own registry:
 * checkpointed processes leave nvidia-smi, so without it they would vanish from the page.
 */
export const cudaProcesses = pgTable(
  "cuda_processes",
  {
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    pid: integer("pid").notNull(),
    name: text("name"),
    usedMemoryMiB: integer("used_memory_mib"),
    /** running | locked | checkpointed | failed | unknown | gone */
    state: text("state").notNull(),
    stateError: text("state_error"),
    checkpointed: boolean("checkpointed").notNull().default(false),
    /** The checkpoint operation whose CRIU image holds this process (restore reads it back). */
    criuOperationId: text("criu_operation_id"),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    /** Set when a process that is not in our registry left the list (it exited). */
    vanishedAt: timestamp("vanished_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.machineId, t.pid] })],
);

export const OPERATION_STATUSES = ["queued", "running", "done", "failed"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** One checkpoint or restore of one process: a consistent record whatever happened. */
export const checkpointOperations = pgTable(
  "checkpoint_operations",
  {
    id: text("id").primaryKey(),
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pid: integer("pid").notNull(),
    action: text("action").$type<"checkpoint" | "restore">().notNull(),
    criu: boolean("criu").notNull().default(false),
    status: text("status").$type<OperationStatus>().notNull().default("queued"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    /** Past this the sweep marks a queued or running operation failed (a lost worker, a dead process). */
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms"),
    bytes: bigint("bytes", { mode: "number" }),
    imagePath: text("image_path"),
    imageBytes: bigint("image_bytes", { mode: "number" }),
    initialState: text("initial_state"),
    finalState: text("final_state"),
    error: text("error"),
    errorCode: text("error_code"),
    steps: jsonb("steps"),
  },
  (t) => [
    index("checkpoint_operations_machine").on(t.machineId, t.createdAt),
    // One queued or running operation per process: a double click or a second script is refused.
    uniqueIndex("checkpoint_operations_one_active")
      .on(t.machineId, t.pid)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/** A run of the setup guide (driver 570+, cuda-checkpoint, persistence mode), its output streamed into `log`. */
export const setupRuns = pgTable(
  "setup_runs",
  {
    id: text("id").primaryKey(),
    machineId: text("machine_id")
      .notNull()
      .references(() => machines.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** queued | running | done | failed */
    status: text("status").notNull().default("queued"),
    log: text("log").notNull().default(""),
    error: text("error"),
    rebootRequired: boolean("reboot_required").notNull().default(false),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("setup_runs_machine").on(t.machineId, t.startedAt),
    uniqueIndex("setup_runs_one_active")
      .on(t.machineId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * The agent's live bookkeeping per machine: whether a page is watching its processes (the refresh
 * job runs while it is), when they were last refreshed, and the last connection error (a changed
 * host key is kept here with both fingerprints until the user trusts the new key).
 */
export const agentStates = pgTable("agent_states", {
  machineId: text("machine_id")
    .primaryKey()
    .references(() => machines.id, { onDelete: "cascade" }),
  watchedUntil: timestamp("watched_until", { withTimezone: true }),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }),
  refreshError: text("refresh_error"),
  refreshErrorCode: text("refresh_error_code"),
  probeRequestedAt: timestamp("probe_requested_at", { withTimezone: true }),
  hostKeyExpected: text("host_key_expected"),
  hostKeyActual: text("host_key_actual"),
  hostKeyChangedAt: timestamp("host_key_changed_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
