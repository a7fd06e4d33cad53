// Zod schemas of the RunPod REST v2 responses we rely on (RunPod's published v2 OpenAPI).

import { z } from "zod";

const num = z.coerce.number();
const optNum = z.union([z.number(), z.string().transform(Number)]).nullish();

/** Stock level of the catalogue (`AvailabilityLevel`). */
export const AVAILABILITY_LEVELS = ["NONE", "LOW", "MEDIUM", "HIGH"] as const;
export type RunpodAvailability = (typeof AVAILABILITY_LEVELS)[number];

// `maxCount` is the per-cloud ceiling `{secure, community}` (GPUs on the largest machine of that
// type in that cloud). An older catalogue sent one number; it is read as the same ceiling for both.
const maxCountSchema = z
  .union([z.number(), z.string().transform(Number), z.object({ secure: optNum, community: optNum }).partial()])
  .nullish();

export const gpuTypeSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  displayName: z.string().nullish(),
  pool: z.string().nullish(),
  manufacturer: z.string().nullish(),
  memory: optNum, // GB
  secure: z.boolean().nullish(),
  community: z.boolean().nullish(),
  price: z.object({ secure: optNum, community: optNum, serverless: optNum }).partial().nullish(),
  maxCount: maxCountSchema,
  // Overall stock for the `cloud` the request named: NONE | LOW | MEDIUM | HIGH. Kept as a string
  // so a level added later does not fail the whole catalogue.
  availability: z
    .string()
    .transform((s) => s.toUpperCase())
    .nullish()
    .catch(undefined),
  dataCenters: z
    .array(z.object({ id: z.string(), name: z.string().nullish(), availability: z.string().nullish() }))
    .nullish()
    .catch(undefined),
  cudaVersions: z.unknown().optional(),
});
export type RunpodGpuType = z.infer<typeof gpuTypeSchema>;

/** The per-cloud GPU ceiling, whichever shape the catalogue used. */
export function maxCountFor(g: RunpodGpuType, cloud: "SECURE" | "COMMUNITY"): number {
  const m = g.maxCount;
  if (m == null) return 0;
  if (typeof m === "number") return Number.isFinite(m) ? m : 0;
  const v = cloud === "SECURE" ? m.secure : m.community;
  return v != null && Number.isFinite(v) ? v : 0;
}

// `ListGpuTypesResponse` is `{gpus: [...]}`; a bare array is accepted too.
export const gpuCatalogSchema = z.preprocess((b) => {
  if (Array.isArray(b)) return b;
  if (b && typeof b === "object") {
    const o = b as Record<string, unknown>;
    if (Array.isArray(o.gpus)) return o.gpus;
    const arr = Object.values(o).find(Array.isArray);
    if (arr) return arr;
  }
  return b;
}, z.array(gpuTypeSchema));

const sshSchema = z.object({
  host: z.string(),
  port: num,
  username: z.string().nullish(),
  command: z.string().nullish(),
});

export const podSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  actions: z.array(z.string()).nullish(),
  cost: optNum,
  image: z.string().nullish(),
  disk: optNum,
  ports: z.array(z.string()).nullish(),
  cloud: z.string().nullish(),
  gpu: z
    .object({
      id: z.string().nullish(),
      count: optNum,
      displayName: z.string().nullish(),
      vcpuCount: optNum,
      memory: optNum,
    })
    .partial()
    .nullish(),
  mounts: z
    .object({
      persistent: z.object({ size: optNum, path: z.string().nullish() }).partial().nullish(),
      network: z.array(z.object({ volumeId: z.string().nullish(), path: z.string().nullish() }).partial()).nullish(),
    })
    .partial()
    .nullish(),
  ssh: z.object({ proxy: sshSchema.nullish(), direct: sshSchema.nullish() }).partial().nullish(),
  runtime: z
    .object({
      uptime: optNum,
      ports: z
        .array(z.object({ private: optNum, public: optNum, type: z.string().nullish(), ip: z.string().nullish() }))
        .nullish(),
    })
    .partial()
    .nullish(),
  dataCenterId: z.string().nullish(),
  createdAt: z.string().nullish(),
  startedAt: z.string().nullish(),
});
export type RunpodPod = z.infer<typeof podSchema>;

export const podListSchema = z.object({ pods: z.array(podSchema) });

export const sshKeysSchema = z.object({ keys: z.array(z.string()) });

/** RFC 9457 problem details (`ErrorResponse`). */
export const problemSchema = z.object({
  title: z.string().nullish(),
  status: optNum,
  detail: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
});
