// Zod schemas of the RunPod REST v2 responses we rely on (reference §2c).

import { z } from "zod";

const num = z.coerce.number();
const optNum = z.union([z.number(), z.string().transform(Number)]).nullish();

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
  maxCount: optNum,
  availability: z.unknown().optional(),
  cudaVersions: z.unknown().optional(),
});
export type RunpodGpuType = z.infer<typeof gpuTypeSchema>;

// v2 wraps lists, but the catalogue's wrapper key is not documented: accept a bare array or the
// first array property.
export const gpuCatalogSchema = z.preprocess((b) => {
  if (Array.isArray(b)) return b;
  if (b && typeof b === "object") {
    const arr = Object.values(b as Record<string, unknown>).find(Array.isArray);
    if (arr) return arr;
  }
  return b;
}, z.array(gpuTypeSchema));

const sshSchema = z.object({ host: z.string(), port: num, username: z.string().nullish(), command: z.string().nullish() });

export const podSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string(),
  actions: z.array(z.string()).nullish(),
  cost: optNum,
  image: z.string().nullish(),
  gpu: z.object({ id: z.string().nullish(), count: optNum, displayName: z.string().nullish() }).partial().nullish(),
  ssh: z.object({ proxy: sshSchema.nullish(), direct: sshSchema.nullish() }).partial().nullish(),
  runtime: z
    .object({ ports: z.array(z.object({ private: optNum, public: optNum, type: z.string().nullish(), ip: z.string().nullish() })).nullish() })
    .partial()
    .nullish(),
  dataCenterId: z.string().nullish(),
  createdAt: z.string().nullish(),
  startedAt: z.string().nullish(),
});
export type RunpodPod = z.infer<typeof podSchema>;

export const podListSchema = z.object({ pods: z.array(podSchema) });

export const sshKeysSchema = z.object({ keys: z.array(z.string()) });

/** RFC 9457 problem details. */
export const problemSchema = z.object({
  title: z.string().nullish(),
  status: optNum,
  detail: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
});
