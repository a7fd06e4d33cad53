// Zod schemas of the Vast.ai responses we rely on. Numbers sometimes arrive as strings or null, so
// optional fields are lenient; unknown fields are ignored.

import { z } from "zod";

const num = z.coerce.number();
const optNum = z.union([z.number(), z.string().transform(Number)]).nullish();

export const offerSchema = z.object({
  id: num,
  ask_contract_id: optNum,
  machine_id: optNum,
  host_id: optNum,
  gpu_name: z.string(),
  num_gpus: num,
  gpu_ram: num, // MB
  gpu_total_ram: optNum,
  cpu_cores_effective: optNum,
  cpu_ram: optNum,
  disk_space: optNum,
  // The bundle without storage ($/h); dph_total adds storage_cost for the searched allocated_storage.
  dph_base: optNum,
  dph_total: num,
  min_bid: optNum,
  storage_cost: optNum, // $/GB/month
  inet_up_cost: optNum, // $/GB transferred
  inet_down_cost: optNum,
  reliability: optNum,
  reliability2: optNum,
  geolocation: z.string().nullish(),
  direct_port_count: optNum,
  rentable: z.boolean().nullish(),
  rented: z.boolean().nullish(),
  vms_enabled: z.boolean().nullish(),
  cuda_max_good: optNum,
  verification: z.string().nullish(),
});
export type VastOffer = z.infer<typeof offerSchema>;

// Older copies of Vast's search reference show one object under `offers` (a doc bug); accept both.
export const offersResponseSchema = z.object({
  offers: z.union([z.array(offerSchema), offerSchema.transform((o) => [o])]),
  /** True when the server cut the result short of `limit`. */
  truncated: z.boolean().nullish(),
});

const portBindingSchema = z.object({ HostIp: z.string().nullish(), HostPort: z.coerce.string() });

export const instanceSchema = z.object({
  id: num,
  actual_status: z.string().nullish(),
  intended_status: z.string().nullish(),
  cur_state: z.string().nullish(),
  next_state: z.string().nullish(),
  status_msg: z.string().nullish(),
  ssh_host: z.string().nullish(),
  ssh_port: z.coerce.number().nullish(),
  public_ipaddr: z.string().nullish(),
  ports: z.record(z.string(), z.array(portBindingSchema).nullish()).nullish(),
  label: z.string().nullish(),
  gpu_name: z.string().nullish(),
  num_gpus: optNum,
  dph_total: optNum,
  storage_cost: optNum,
  disk_space: optNum,
  image_uuid: z.string().nullish(),
  image_runtype: z.string().nullish(),
  start_date: optNum,
  end_date: optNum,
  geolocation: z.string().nullish(),
});
export type VastInstance = z.infer<typeof instanceSchema>;

/**
 * Show returns `{"instances": {...}}`: a single object under a plural key (null when gone). The id
 * may be left out (the API hello world's example has none); the caller knows which instance it asked for.
 */
const shownInstanceSchema = instanceSchema.partial({ id: true });
export const showResponseSchema = z.object({
  instances: z.union([shownInstanceSchema, z.array(shownInstanceSchema), z.null()]).optional(),
});

export const listResponseSchema = z.object({
  instances_found: optNum,
  instances: z.array(instanceSchema),
});

export const createResponseSchema = z.object({
  success: z.boolean().optional(),
  new_contract: num,
  instance_api_key: z.string().nullish(),
});

// The documented list names the key `key`; the generated YAML and the create reply say `public_key`.
export const sshKeySchema = z.object({ id: num, key: z.string().nullish(), public_key: z.string().nullish() });
export const sshKeyListSchema = z.union([
  z.array(sshKeySchema),
  z.object({ ssh_keys: z.array(sshKeySchema) }).transform((o) => o.ssh_keys),
]);
