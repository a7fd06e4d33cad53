// Zod schemas of the HOSTKEY InvAPI responses we rely on. Several shapes are only partly documented
// and vary (numbers or strings, objects or arrays), so these accept the variants seen in HOSTKEY's
// Terraform provider, its MCP server and the docs, and ignore the rest.

import { z } from "zod";

const id = z.union([z.string(), z.number()]).transform(String);
const optNum = z.union([z.number(), z.string().transform(Number)]).nullish();
const flex = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** The token comes at the top level or nested under `result` (Terraform's LoginResponse). */
export const loginResponseSchema = z.union([
  z.object({ token: z.string(), token_expire: optNum }),
  z.object({ result: z.object({ token: z.string(), token_expire: optNum }) }).transform((r) => r.result),
]);

export const presetSchema = z.object({
  id,
  name: z.string(),
  location: z.string().nullish(),
  // "NL,US" in presets/list (Terraform's Preset.Locations is a string); tolerate an array.
  locations: z.union([z.array(z.string()), z.string()]).nullish(),
  description: z.string().nullish(),
  // presets/list: `{<location>: {USD, EUR, RUR}}` (monthly); presets/info: a flat `{EUR, USD}`.
  price: z.record(z.string(), z.unknown()).nullish(),
  cpu: flex,
  ram: flex,
  hdd: flex,
  gpu: flex,
  virtual: flex,
  active: flex,
  // Servers in stock; per location when the list is asked for one location.
  available: flex,
  server_type: z.string().nullish(),
  tags: z.unknown().optional(),
});
export type HostkeyPreset = z.infer<typeof presetSchema>;

export const presetListSchema = z.object({ presets: z.array(presetSchema) });

/** The first array in the body: os/list names it `os_list`, traffic_plans/list `traffic_plans`. */
function firstArray(b: unknown): unknown {
  if (Array.isArray(b)) return b;
  if (b && typeof b === "object") return Object.values(b as Record<string, unknown>).find(Array.isArray) ?? [];
  return [];
}

export const osListSchema = z.preprocess(
  firstArray,
  z.array(z.object({ id, name: z.string().nullish(), active: flex })),
);

/** traffic_plans/list entries (Terraform's TrafficPlan): a plan fits a location and has a monthly price. */
export const trafficPlanListSchema = z.preprocess(
  firstArray,
  z.array(
    z.object({
      id,
      name: z.string().nullish(),
      active: flex,
      location: z.string().nullish(),
      locations: z.string().nullish(),
      price: optNum,
      main_plan: flex,
    }),
  ),
);
export type HostkeyTrafficPlan = z.infer<typeof trafficPlanListSchema>[number];

export const orderResponseSchema = z.object({
  // 0 or absent while the invoice is unpaid (Terraform keeps such an order as pending:<invoice>).
  id: id.nullish(),
  callback: z.string().nullish(),
  deploy_status: z.union([z.string(), z.number()]).nullish(),
  invoice: id.nullish(),
  status: z.union([z.string(), z.number()]).nullish(),
});

/** eq/update_servers: deploy_keys maps an invoice to its deploy callback key, or is an empty array. */
export const updateServersSchema = z.object({
  servers: z.unknown().optional(),
  billing_servers: z
    .array(z.object({ id, name: z.string().nullish(), status: z.string().nullish() }).passthrough())
    .nullish(),
  deploy_keys: z
    .union([
      z.record(z.string(), z.union([z.string(), z.number()]).transform(String)),
      z.array(z.unknown()).transform(() => ({}) as Record<string, string>),
    ])
    .nullish(),
});

/** eq_callback/check: `{result:"Not ready"}` while deploying, then `context:{id, ip, …}`. */
export const callbackCheckSchema = z.object({
  result: z.union([z.string(), z.number()]).nullish(),
  context: z.unknown().optional(),
  scope: z.unknown().optional(),
});

const serverRefSchema = z.union([
  id.transform((i) => ({
    id: i,
    status: null as string | null,
    hostname: null as string | null,
    location: null as string | null,
  })),
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
  // Its fields vary in shape and nesting (Terraform's ShowHostname searches it); read it loosely.
  server_data: z.unknown().optional(),
  hardware: z.unknown().optional(),
  IP: z.array(ipSchema).nullish(),
  tags: z.unknown().optional(),
});
export type HostkeyShow = z.infer<typeof showResponseSchema>;
