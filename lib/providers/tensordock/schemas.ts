// Zod schemas of the TensorDock API v2 responses we rely on (reference §1b). The docs' examples
// disagree about envelopes, so list/get parsing accepts both documented shapes.

import { z } from "zod";

const num = z.coerce.number();

export const gpuStockSchema = z.object({
  v0Name: z.string(),
  displayName: z.string(),
  max_count: num,
  price_per_hr: num,
  resources: z.object({ max_vcpus: num, max_ram_gb: num, max_storage_gb: num }).partial().optional(),
  pricing: z.object({ per_vcpu_hr: num, per_gb_ram_hr: num, per_gb_storage_hr: num }).partial().optional(),
  network_features: z
    .object({
      dedicated_ip_available: z.boolean(),
      port_forwarding_available: z.boolean(),
      network_storage_available: z.boolean(),
    })
    .partial()
    .optional(),
});
export type TdGpuStock = z.infer<typeof gpuStockSchema>;

export const locationSchema = z.object({
  id: z.string(),
  city: z.string().optional(),
  stateprovince: z.string().optional(),
  country: z.string().optional(),
  tier: z.union([z.number(), z.string()]).optional(),
  gpus: z.array(gpuStockSchema),
});
export type TdLocation = z.infer<typeof locationSchema>;

export const locationsResponseSchema = z.object({ data: z.object({ locations: z.array(locationSchema) }) });

const portForwardsSchema = z.union([
  z.array(z.object({ internal_port: num, external_port: num })),
  // A 3rd-party schema describes a map; v0 mapped external → internal.
  z.record(z.string(), z.union([z.string(), z.number()])),
]);

/** An instance after unwrapping `data` and merging `attributes` (see normalizeInstanceBody). */
export const instanceSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  name: z.string().nullish(),
  status: z.string(),
  ipAddress: z.string().nullish(),
  portForwards: portForwardsSchema.nullish(),
});
export type TdInstance = z.infer<typeof instanceSchema>;

export const instanceListSchema = z.array(instanceSchema);

export const createResponseSchema = z.object({
  data: z.object({ type: z.string().optional(), id: z.string(), name: z.string().nullish(), status: z.string().optional() }),
});

/** `{data:{...}}`, `{data:{id, attributes:{...}}}` or a bare object → one flat record. */
export function flattenResource(body: unknown): unknown {
  let b = body;
  if (b && typeof b === "object" && "data" in b && (b as { data: unknown }).data && typeof (b as { data: unknown }).data === "object") {
    b = (b as { data: unknown }).data;
  }
  if (b && typeof b === "object" && "attributes" in b) {
    const { attributes, ...rest } = b as { attributes: Record<string, unknown> };
    return { ...attributes, ...rest };
  }
  return b;
}

/** The instance list sits at `data.instances` or `data.attributes.instances` (docs disagree). */
export function extractInstanceList(body: unknown): unknown {
  const data = (body as { data?: { instances?: unknown; attributes?: { instances?: unknown } } } | undefined)?.data;
  const list = data?.instances ?? data?.attributes?.instances ?? [];
  return Array.isArray(list) ? list.map(flattenResource) : list;
}
