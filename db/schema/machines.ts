import { pgTable, text, integer, bigint, bigserial, boolean, index, jsonb, uniqueIndex } from "drizzle-orm/pg-core";
import { ownerId } from "./users";
import type { PricedPart } from "@/lib/providers/shared/price-parts";
import { INSTANCE_STATUSES } from "@/lib/providers/types";
import { sshKeys } from "./credentials";
import { at, createdAt } from "./columns";

/** "requested" until the order is sent; from then on a machine has one of its instance's statuses. */
export const MACHINE_STATUSES = ["requested", ...INSTANCE_STATUSES] as const;
export type MachineStatus = (typeof MACHINE_STATUSES)[number];

/**
 * The durable record of a machine: every job step reads it, does one idempotent step, and writes the
 * new state, so a crash resumes from here and a retry never orders a second instance.
 */
export const machines = pgTable(
  "machines",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    name: text("name").notNull(),
    provider: text("provider").notNull(),
    /** "deployed" through a provider API, or "byo" (a server registered by host, port and key). */
    origin: text("origin").notNull().default("deployed"),
    offerId: text("offer_id"),
    gpuModel: text("gpu_model").notNull(),
    gpuCount: integer("gpu_count").notNull().default(1),
    diskGb: integer("disk_gb").notNull().default(100),
    image: text("image").notNull().default("ubuntu-22.04"),
    region: text("region"),
    sshKeyId: text("ssh_key_id").references(() => sshKeys.id, { onDelete: "set null" }),
    status: text("status").$type<MachineStatus>().notNull().default("requested"),
    /** What the last step is doing, in words ("waiting for SSH"). */
    statusDetail: text("status_detail"),
    providerInstanceId: text("provider_instance_id"),
    providerStatus: text("provider_status"),
    sshHost: text("ssh_host"),
    sshPort: integer("ssh_port"),
    sshUser: text("ssh_user"),
    /** Pinned on first contact (SHA256:…); a different key is refused. */
    hostKeyFingerprint: text("host_key_fingerprint"),
    // Prices live at order time are kept on the machine, so later price changes do not rewrite history.
    pricePerHourMicros: bigint("price_per_hour_micros", { mode: "number" }).notNull().default(0),
    stoppedPricePerHourMicros: bigint("stopped_price_per_hour_micros", { mode: "number" }),
    /** Every part the provider bills for this order (GPU, vCPU, RAM, disk…), as quoted when ordered. */
    priceParts: jsonb("price_parts").$type<PricedPart[]>(),
    billingGranularity: text("billing_granularity").notNull().default("second"),
    canStop: boolean("can_stop").notNull().default(true),
    kind: text("kind").notNull().default("vm"),
    checkpointCapable: boolean("checkpoint_capable").notNull().default(false),
    sandbox: boolean("sandbox").notNull().default(false),
    failureReason: text("failure_reason"),
    /** Set when destroy could not be confirmed: the page shows a red alert with what to do by hand. */
    cleanupAlert: text("cleanup_alert"),
    /** A job step holds the machine until this time; another worker skips it meanwhile. */
    leaseUntil: at("lease_until"),
    /** When the current step began (for "booting for 42 s" and for giving up after a deadline). */
    stepStartedAt: at("step_started_at"),
    /** Idempotency key of the deploy request (a double click orders one machine). */
    requestKey: text("request_key"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    readyAt: at("ready_at"),
    destroyedAt: at("destroyed_at"),
  },
  (t) => [
    index("machines_user").on(t.userId),
    uniqueIndex("machines_user_request_key").on(t.userId, t.requestKey),
    index("machines_status").on(t.status),
  ],
);

/** The steps of a machine's life as the page shows them: ordered, booting, SSH reachable, ready… */
export const machineEvents = pgTable(
  "machine_events",
  {
    id: text("id").primaryKey(),
    machineId: machineRef(),
    step: text("step").notNull(),
    /** "started" | "done" | "failed" | "info" */
    outcome: text("outcome").notNull(),
    message: text("message"),
    data: jsonb("data"),
    at: at("at").notNull().defaultNow(),
    /** Insertion order. Steps written in one transaction share a clock reading, and workers' clocks
     *  differ, so the page orders by this rather than by `at`. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
  },
  (t) => [
    index("machine_events_machine").on(t.machineId, t.at),
    index("machine_events_machine_seq").on(t.machineId, t.seq),
  ],
);

/**
 * The usage ledger: one open interval per billable state of a machine. Opened and closed in the same
 * transaction as the state change. Cost = rate × duration rounded up to the granularity.
 */
export const usageIntervals = pgTable(
  "usage_intervals",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    machineId: machineRef(),
    provider: text("provider").notNull(),
    /** "running" or "stopped". */
    state: text("state").notNull(),
    ratePerHourMicros: bigint("rate_per_hour_micros", { mode: "number" }).notNull(),
    granularity: text("granularity").notNull(),
    startedAt: at("started_at").notNull(),
    endedAt: at("ended_at"),
  },
  (t) => [index("usage_user_started").on(t.userId, t.startedAt), index("usage_machine").on(t.machineId)],
);

/**
 * What the last reconciliation found: an instance at the provider carrying our tag that no live machine
 * row owns ("orphan": still billing, unknown to the app), or a live row whose instance vanished.
 */
export const reconcileFindings = pgTable(
  "reconcile_findings",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    provider: text("provider").notNull(),
    kind: text("kind").notNull(),
    providerInstanceId: text("provider_instance_id").notNull(),
    machineId: text("machine_id"),
    name: text("name"),
    providerStatus: text("provider_status"),
    pricePerHourMicros: bigint("price_per_hour_micros", { mode: "number" }),
    seenAt: at("seen_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reconcile_user_instance").on(t.userId, t.provider, t.providerInstanceId)],
);

/** A row about one machine, gone with the machine's row. */
export function machineRef() {
  return text("machine_id")
    .notNull()
    .references(() => machines.id, { onDelete: "cascade" });
}
