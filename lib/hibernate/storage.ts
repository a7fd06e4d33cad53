import "server-only";
import { z } from "zod";
import type { Db } from "@/db";
import { deleteObjectStore, getObjectStore, upsertObjectStore } from "@/db/queries/hibernations";
import { seal, unseal } from "@/lib/crypto/seal";
import { DomainError, fieldErrors } from "@/lib/errors";
import { usdToMicros } from "@/lib/money";
import { sandboxS3Url } from "@/lib/providers/endpoints";
import { checkStore, type StoreConfig } from "./object-store";

/** What S3 Standard charges per GB-month in us-east-1: the default when a user does not say. */
export const DEFAULT_STORAGE_USD_PER_GB_MONTH = 0.023;

const storeSecretContext = (userId: string) => `object-store:${userId}`;

export const objectStoreSchema = z.object({
  endpoint: z
    .string({ error: "Enter the endpoint URL." })
    .trim()
    .url("Enter a URL like https://s3.us-east-1.amazonaws.com or http://127.0.0.1:9000.")
    .max(300)
    .refine((u) => /^https?:\/\//.test(u), "Use an http:// or https:// URL."),
  region: z
    .string()
    .trim()
    .min(1, "Enter the region (us-east-1 if the service has none).")
    .max(40)
    .regex(/^[a-z0-9-]+$/, "Use a region name like us-east-1."),
  bucket: z
    .string({ error: "Enter the bucket name." })
    .trim()
    .min(3, "Bucket names have 3 to 63 characters.")
    .max(63, "Bucket names have 3 to 63 characters.")
    .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, "Use lower-case letters, digits, dots and dashes."),
  accessKeyId: z
    .string()
    .trim()
    .min(3, "Enter the access key id.")
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "Paste the access key id without spaces."),
  secretAccessKey: z
    .string()
    .trim()
    .min(3, "Enter the secret access key.")
    .max(400)
    .regex(/^[\x21-\x7e]+$/, "Paste the secret without spaces."),
  pricePerGbMonth: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v)) : v),
    z
      .number({ error: "Enter a price per GB-month, like 0.023." })
      .min(0, "A price cannot be negative.")
      .max(10, "At most $10 per GB-month.")
      .default(DEFAULT_STORAGE_USD_PER_GB_MONTH),
  ),
});

/** Where a user's images go: their own bucket, or in sandbox mode the local simulated one. */
export interface UserStore {
  config: StoreConfig;
  pricePerGbMonthMicros: number;
  /** "sandbox" when nothing is configured and the sandbox's local storage stands in. */
  source: "user" | "sandbox";
  label: string;
}

export interface ObjectStoreDto {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyIdLast4: string;
  pricePerGbMonthMicros: number;
}

export async function saveObjectStore(db: Db, userId: string, input: unknown): Promise<ObjectStoreDto> {
  const parsed = objectStoreSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const d = parsed.data;
  const config: StoreConfig = {
    endpoint: d.endpoint,
    region: d.region,
    bucket: d.bucket,
    accessKeyId: d.accessKeyId,
    secretAccessKey: d.secretAccessKey,
    forcePathStyle: true,
  };
  // One authenticated call first: a wrong key or bucket is said now, not when a hibernation is half done.
  await checkStore(config);
  const row = await upsertObjectStore(db, {
    id: crypto.randomUUID(),
    userId,
    endpoint: d.endpoint,
    region: d.region,
    bucket: d.bucket,
    accessKeyId: d.accessKeyId,
    sealedSecret: seal(d.secretAccessKey, storeSecretContext(userId)),
    pricePerGbMonthMicros: usdToMicros(d.pricePerGbMonth),
    forcePathStyle: true,
  });
  return toDto(row);
}

export async function removeObjectStore(db: Db, userId: string): Promise<void> {
  await deleteObjectStore(db, userId);
}

const toDto = (r: {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  pricePerGbMonthMicros: number;
}): ObjectStoreDto => ({
  endpoint: r.endpoint,
  region: r.region,
  bucket: r.bucket,
  accessKeyIdLast4: r.accessKeyId.slice(-4),
  pricePerGbMonthMicros: r.pricePerGbMonthMicros,
});

export async function objectStoreDto(db: Db, userId: string): Promise<ObjectStoreDto | null> {
  const r = await getObjectStore(db, userId);
  return r ? toDto(r) : null;
}

/** The sandbox's local S3 (started with the sandbox), when this process runs in sandbox mode. */
function sandboxStore(): UserStore | null {
  const url = sandboxS3Url();
  if (!url) return null;
  return {
    config: {
      endpoint: url,
      region: "us-east-1",
      bucket: "dumont-hibernate",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    },
    pricePerGbMonthMicros: usdToMicros(DEFAULT_STORAGE_USD_PER_GB_MONTH),
    source: "sandbox",
    label: `sandbox storage (local S3 at ${url}, nothing billed)`,
  };
}

/** The store a hibernation of this user goes to; null when there is none (the message says where to add one). */
export async function storeForUser(db: Db, userId: string): Promise<UserStore | null> {
  const r = await getObjectStore(db, userId);
  if (r)
    return {
      config: {
        endpoint: r.endpoint,
        region: r.region,
        bucket: r.bucket,
        accessKeyId: r.accessKeyId,
        secretAccessKey: unseal(r.sealedSecret, storeSecretContext(userId)),
        forcePathStyle: r.forcePathStyle,
      },
      pricePerGbMonthMicros: r.pricePerGbMonthMicros,
      source: "user",
      label: `s3://${r.bucket} at ${r.endpoint}`,
    };
  return sandboxStore();
}

/** What keeping `bytes` costs per month at a store's price (GB = 10^9 bytes, as object stores bill). */
export function storageMicrosPerMonth(bytes: number, pricePerGbMonthMicros: number): number {
  return Math.round((bytes / 1e9) * pricePerGbMonthMicros);
}
