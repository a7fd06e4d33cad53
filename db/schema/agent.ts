import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { machineRef, machines } from "./machines";
import { ownerId } from "./users";
import { at, createdAt } from "./columns";

/**
 * Readiness probes: what the agent found on a machine and the verdict, with the date. A probe that
 * could not run (no key, SSH refused, host key changed) is stored too, with its error.
 */
export const probes = pgTable(
  "probes",
  {
    id: text("id").primaryKey(),
    machineId: machineRef(),
    userId: ownerId(),
    at: at("at").notNull().defaultNow(),
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
    machineId: machineRef(),
    pid: integer("pid").notNull(),
    name: text("name"),
    usedMemoryMiB: integer("used_memory_mib"),
    /** running | locked | checkpointed | failed | unknown | gone */
    state: text("state").notNull(),
    stateError: text("state_error"),
    checkpointed: boolean("checkpointed").notNull().default(false),
    /** The checkpoint operation whose CRIU image holds this process (restore reads it back). */
    criuOperationId: text("criu_operation_id"),
    lastSeenAt: at("last_seen_at"),
    /** Set when a process that is not in our registry left the list (it exited). */
    vanishedAt: at("vanished_at"),
    updatedAt: at("updated_at").notNull().defaultNow(),
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
    machineId: machineRef(),
    userId: ownerId(),
    pid: integer("pid").notNull(),
    action: text("action").$type<"checkpoint" | "restore">().notNull(),
    criu: boolean("criu").notNull().default(false),
    status: text("status").$type<OperationStatus>().notNull().default("queued"),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    endedAt: at("ended_at"),
    /** Past this the sweep marks a queued or running operation failed (a lost worker, a dead process). */
    deadlineAt: at("deadline_at").notNull(),
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
    machineId: machineRef(),
    userId: ownerId(),
    /** queued | running | done | failed */
    status: text("status").notNull().default("queued"),
    log: text("log").notNull().default(""),
    error: text("error"),
    rebootRequired: boolean("reboot_required").notNull().default(false),
    startedAt: at("started_at").notNull().defaultNow(),
    endedAt: at("ended_at"),
    deadlineAt: at("deadline_at").notNull(),
  },
  (t) => [
    index("setup_runs_machine").on(t.machineId, t.startedAt),
    uniqueIndex("setup_runs_one_active").on(t.machineId).where(sql`${t.status} in ('queued', 'running')`),
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
  watchedUntil: at("watched_until"),
  refreshedAt: at("refreshed_at"),
  refreshError: text("refresh_error"),
  refreshErrorCode: text("refresh_error_code"),
  probeRequestedAt: at("probe_requested_at"),
  hostKeyExpected: text("host_key_expected"),
  hostKeyActual: text("host_key_actual"),
  hostKeyChangedAt: at("host_key_changed_at"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});
