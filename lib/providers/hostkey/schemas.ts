// Zod schemas of the HOSTKEY InvAPI responses we rely on (reference §5). Several shapes are only
// partly documented, so these accept the documented variants and ignore the rest.

import { z } from "zod";

const id = z.union([z.string(), z.number()]).transform(String);
const optNum = z.union([z.number(), z.string().transform(Number)]).nullish();

/** The token comes at the top level or nested under `result` (Terraform's LoginResponse). */
export const loginResponseSchema = z.union([
  z.object({ token: z.string(), token_expire: optNum }),
  z.object({ result: z.object({ token: z.string(), token_expire: optNum }) }).transform((r) => r.result),
]);

const priceSchema = z.object({ USD: optNum, EUR: optNum }).partial();

export const presetSchema = z.object({
  id,
  name: z.string(),
  location: z.string().nullish(),
  locations: z.union([z.array(z.string()), z.string()]).nullish(),
  description: z.string().nullish(),
  price: priceSchema.nullish(),
  cpu: z.union([z.string(), z.number()]).nullish(),
  ram: z.union([z.string(), z.number()]).nullish(),
  hdd: z.union([z.string(), z.number()]).nullish(),
  gpu: z.union([z.string(), z.number()]).nullish(),
  virtual: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  active: z.union([z.boolean(), z.number(), z.string()]).nullish(),
});
export type HostkeyPreset = z.infer<typeof presetSchema>;

export const presetListSchema = z.object({ presets: z.array(presetSchema) });

/** os/list and traffic_plans/list: the list key is not documented; take the first array of {id}. */
export const idNameListSchema = z.preprocess((b) => {
  if (Array.isArray(b)) return b;
  if (b && typeof b === "object") return Object.values(b as Record<string, unknown>).find(Array.isArray) ?? [];
  return [];
}, z.array(z.object({ id, name: z.string().nullish() })));

export const orderResponseSchema = z.object({
  id: id.nullish(),
  callback: z.string().nullish(),
  deploy_status: z.union([z.string(), z.number()]).nullish(),
  invoice: id.nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
});

const serverRefSchema = z.union([
  id.transform((i) => ({ id: i, status: null as string | null, hostname: null as string | null, location: null as string | null })),
  z.object({ id, status: z.string().nullish(), hostname: z.string().nullish(), location: z.string().nullish() }),
]);
export const serverListSchema = z.object({ servers: z.array(serverRefSchema) });
export type HostkeyServerRef = z.infer<typeof serverRefSchema>;

export const ipSchema = z.object({
  ip: z.string(),
  main_ip: z.union([z.number(), z.string(), z.boolean()]).nullish(),
  // Sandbox-only extension: the real API has no port (SSH is on 22); the simulator needs one.
  sandbox_ssh_port: optNum,
});

export const showResponseSchema = z.object({
  server_data: z
    .object({
      id: id.nullish(),
      hostname: z.string().nullish(),
      status: z.string().nullish(),
      location: z.string().nullish(),
      deploy_status: z.union([z.string(), z.number()]).nullish(),
      preset: z.string().nullish(),
    })
    .nullish(),
  hardware: z.unknown().optional(),
  IP: z.array(ipSchema).nullish(),
  tags: z.unknown().optional(),
});
export type HostkeyShow = z.infer<typeof showResponseSchema>;

export const callbackSchema = z.union([z.object({ result: z.string() }), z.object({ context: z.record(z.string(), z.unknown()) })]);
