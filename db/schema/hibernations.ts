import { bigint, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { machineRef, machines } from "./machines";
import { ownerId } from "./users";
import { at, createdAt } from "./columns";

/** A user's S3-compatible bucket for hibernation images; the secret key sealed like provider keys. */
export const objectStores = pgTable(
  "object_stores",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    endpoint: text("endpoint").notNull(),
    region: text("region").notNull(),
    bucket: text("bucket").notNull(),
    accessKeyId: text("access_key_id").notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    /** What the user's provider charges per GB-month, so the page can say what an image costs to keep. */
    pricePerGbMonthMicros: integer("price_per_gb_month_micros").notNull(),
    forcePathStyle: boolean("force_path_style").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("object_stores_user").on(t.userId)],
);

/** Statuses in which a hibernate or a resume is still working (a worker or the sweep must carry on). */
export const HIBERNATE_ACTIVE = [
  "requested",
  "checkpointing",
  "packing",
  "uploading",
  "verifying",
  "destroying",
] as const;
export const RESUME_ACTIVE = ["requested", "deploying", "probing", "downloading", "restoring"] as const;

export const HIBERNATION_STATUSES = [...HIBERNATE_ACTIVE, "hibernated", "failed"] as const;
export type HibernationStatus = (typeof HIBERNATION_STATUSES)[number];
export const RESUME_STATUSES = [...RESUME_ACTIVE, "resumed", "failed"] as const;
export type ResumeStatus = (typeof RESUME_STATUSES)[number];

/** One CUDA process in the image: what it was and which CRIU image directory holds it. */
export interface HibernatedProcess {
  pid: number;
  name: string | null;
  usedMemoryMiB: number | null;
  /** The checkpoint operation id: names the CRIU image directory inside the archive. */
  imageId: string;
}

/** A transfer in flight: what the progress bar shows. */
export interface TransferProgress {
  phase: "upload" | "download";
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the transfer so far. */
  rateBps: number;
  /** Seconds left at that rate; null until there is a rate. */
  etaSeconds: number | null;
  startedAt: string;
  updatedAt: string;
}

export interface HibernationStep {
  at: string;
  step: string;
  outcome: "started" | "done" | "failed" | "info";
  message: string;
}

/**
 * A machine's CUDA processes frozen with CRIU, packed, stored in the user's bucket, and the machine
 * destroyed; then, later, the same image restored on a new machine anywhere. The row is the durable
 * record of both pipelines: each phase is leased and resumable from here.
 */
export const hibernations = pgTable(
  "hibernations",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    /** The machine that was hibernated (kept after it is destroyed; the page reads it from here). */
    machineId: machineRef(),
    status: text("status").$type<HibernationStatus>().notNull().default("requested"),
    /** Who asked: "user", "api" or "budget". */
    requestedBy: text("requested_by").notNull().default("user"),
    gpuModel: text("gpu_model").notNull(),
    gpuCount: integer("gpu_count").notNull(),
    /** The NVIDIA driver the image was taken under: a restore needs the same or newer. */
    driverVersion: text("driver_version"),
    processes: jsonb("processes").$type<HibernatedProcess[]>().notNull().default([]),
    /** Where it is stored: a snapshot of the store when the upload began (the user may change it later). */
    storeEndpoint: text("store_endpoint"),
    storeBucket: text("store_bucket"),
    objectKey: text("object_key"),
    uploadId: text("upload_id"),
    /** Parts uploaded so far (a crashed upload resumes after the last one). */
    parts: jsonb("parts").$type<{ n: number; etag: string; bytes: number }[]>().notNull().default([]),
    imageBytes: bigint("image_bytes", { mode: "number" }),
    /** Bytes of GPU and host memory the image holds before compression. */
    rawBytes: bigint("raw_bytes", { mode: "number" }),
    sha256: text("sha256"),
    storagePricePerGbMonthMicros: integer("storage_price_per_gb_month_micros"),
    progress: jsonb("progress").$type<TransferProgress | null>(),
    steps: jsonb("steps").$type<HibernationStep[]>().notNull().default([]),
    error: text("error"),
    hibernatedAt: at("hibernated_at"),
    hibernateMs: integer("hibernate_ms"),
    // Resume: one attempt at a time; a refused or failed attempt leaves the image for another offer.
    resumeStatus: text("resume_status").$type<ResumeStatus>(),
    resumeMachineId: text("resume_machine_id").references(() => machines.id, { onDelete: "set null" }),
    resumeError: text("resume_error"),
    resumeStartedAt: at("resume_started_at"),
    resumedAt: at("resumed_at"),
    resumeMs: integer("resume_ms"),
    /** A worker holds the record until this time; another skips it meanwhile. */
    leaseUntil: at("lease_until"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("hibernations_user").on(t.userId),
    index("hibernations_machine").on(t.machineId),
    index("hibernations_resume_machine").on(t.resumeMachineId),
  ],
);
