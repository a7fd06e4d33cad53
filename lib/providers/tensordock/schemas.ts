// Zod schemas of the TensorDock API v2 responses we rely on (TensorDock's API docs pages).
// The docs' examples disagree about envelopes, and clients in the wild report a third list shape,
// so list/get parsing accepts all of them.

import { z } from "zod";

const num = z.coerce.number();

export const gpuStockSchema = z.object({
  v0Name: z.string(),
  displayName: z.string(),
  max_count: num,
  price_per_hr: num,
  resources: z.object({ max_vcpus: num, max_ram_gb: num, max_storage_gb: num }).partial().nullish(),
  // Hourly rates billed on top of the GPU: per vCPU, per GB of RAM, per GB of storage.
  pricing: z.object({ per_vcpu_hr: num, per_gb_ram_hr: num, per_gb_storage_hr: num }).partial().nullish(),
  network_features: z
    .object({
      dedicated_ip_available: z.boolean(),
      port_forwarding_available: z.boolean(),
      network_storage_available: z.boolean(),
    })
    .partial()
    .nullish(),
});
export type TdGpuStock = z.infer<typeof gpuStockSchema>;

export const locationSchema = z.object({
  id: z.string(),
  city: z.string().nullish(),
  stateprovince: z.string().nullish(),
  country: z.string().nullish(),
  tier: z.union([z.number(), z.string()]).nullish(),
  gpus: z.array(gpuStockSchema),
});
export type TdLocation = z.infer<typeof locationSchema>;

export const locationsResponseSchema = z.object({ data: z.object({ locations: z.array(locationSchema) }) });

const portNumber = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
};

// The documented array of {internal_port, external_port}; entries without two real port numbers
// are dropped (the docs' own example holds type names, "number", in place of values).
const portForwardListSchema = z.array(z.unknown()).transform((list) =>
  list.flatMap((e) => {
    const o = (e && typeof e === "object" ? e : {}) as Record<string, unknown>;
    const internal = portNumber(o.internal_port);
    const external = portNumber(o.external_port);
    return internal && external ? [{ internal_port: internal, external_port: external }] : [];
  }),
);

const portForwardsSchema = z.union([
  portForwardListSchema,
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
  data: z.object({
    type: z.string().optional(),
    id: z.string(),
    name: z.string().nullish(),
    status: z.string().optional(),
  }),
});

/** `{data:{...}}`, `{data:{id, attributes:{...}}}` or a bare object → one flat record. */
export function flattenResource(body: unknown): unknown {
  let b = body;
  if (
    b &&
    typeof b === "object" &&
    "data" in b &&
    (b as { data: unknown }).data &&
    typeof (b as { data: unknown }).data === "object"
  ) {
    b = (b as { data: unknown }).data;
  }
  if (b && typeof b === "object" && "attributes" in b) {
    const { attributes, ...rest } = b as { attributes: Record<string, unknown> };
    return { ...attributes, ...rest };
  }
  return b;
}

/**
 * The instance list: `data.instances` (instance-management page), `data.attributes.instances`
 * (getting-started page) or a flat `data: [...]` (what third-party clients report the API sends),
 * each entry bare or JSON:API. Anything else is returned as is, so the schema rejects it loudly
 * instead of reading an unknown shape as an empty account.
 */
export function extractInstanceList(body: unknown): unknown {
  const b = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
  const data = b?.data;
  let list: unknown = data;
  if (!Array.isArray(list) && data && typeof data === "object") {
    const d = data as { instances?: unknown; attributes?: { instances?: unknown } };
    list = d.instances ?? d.attributes?.instances;
  }
  if (list === undefined && Array.isArray(body)) list = body;
  if (list === undefined && Array.isArray(b?.instances)) list = b.instances;
  // An account without instances may come back with an empty or null `data`.
  if (
    list == null &&
    b &&
    "data" in b &&
    (data == null || (typeof data === "object" && Object.keys(data).length === 0))
  )
    list = [];
  return Array.isArray(list) ? list.map(flattenResource) : body;
}
