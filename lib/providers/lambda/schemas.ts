// Zod schemas of the Lambda Cloud API v1 responses we rely on: `{data}` on success. Integers may come
// as strings (the v1.5.3 spec's own instance-types example quotes price_cents_per_hour).

import { z } from "zod";

const num = z.coerce.number();

export const instanceTypeSchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  gpu_description: z.string().nullish(),
  price_cents_per_hour: num,
  specs: z.object({ vcpus: num, memory_gib: num, storage_gib: num, gpus: num }).partial().nullish(),
});

export type LambdaInstanceType = z.infer<typeof instanceTypeSchema>;

export const instanceTypesResponseSchema = z.object({
  data: z.record(
    z.string(),
    z.object({
      instance_type: instanceTypeSchema,
      regions_with_capacity_available: z.array(z.object({ name: z.string(), description: z.string().nullish() })),
    }),
  ),
});

export const instanceSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  ip: z.string().nullish(),
  status: z.string(),
  ssh_key_names: z.array(z.string()).nullish(),
  file_system_names: z.array(z.string()).nullish(),
  region: z.object({ name: z.string(), description: z.string().nullish() }).nullish(),
  instance_type: instanceTypeSchema.partial().nullish(),
  hostname: z.string().nullish(),
  // Sandbox-only extension: the real API has no port (SSH is on 22); the simulator needs one.
  sandbox_ssh_port: z.number().nullish(),
});
export type LambdaInstance = z.infer<typeof instanceSchema>;

export const instanceResponseSchema = z.object({ data: instanceSchema });
export const instanceListResponseSchema = z.object({ data: z.array(instanceSchema) });
export const launchResponseSchema = z.object({ data: z.object({ instance_ids: z.array(z.string()) }) });
export const terminateResponseSchema = z.object({
  data: z.object({ terminated_instances: z.array(instanceSchema.partial()) }),
});

export const sshKeySchema = z.object({ id: z.string(), name: z.string(), public_key: z.string().nullish() });
export const sshKeyListResponseSchema = z.object({ data: z.array(sshKeySchema) });
export const sshKeyCreateResponseSchema = z.object({ data: sshKeySchema });

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().nullish(), suggestion: z.string().nullish() }),
  field_errors: z.record(z.string(), z.unknown()).nullish(),
});
