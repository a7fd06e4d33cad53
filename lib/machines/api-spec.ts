import { z } from "zod";
import { type ApiOperation, machineOperation, operation, reply } from "@/lib/api/openapi/operation";
import { PROVIDER_SLUGS } from "@/lib/providers/types";
import { machineDetailDtoSchema, machineDtoSchema } from "./machine-dto";
import { offersResultSchema } from "./offer-dto";
import { deploySchema } from "./schemas";

// The machines API: live offers, deploy, read, stop, start, destroy (app/api/v1/offers, app/api/v1/machines).

/** GET /machines */
export const machineListDtoSchema = z.object({ machines: z.array(machineDtoSchema) });
export type MachineListDto = z.infer<typeof machineListDtoSchema>;
/** POST /machines */
export const deployedMachineDtoSchema = z.object({ machine: machineDtoSchema });
export type DeployedMachineDto = z.infer<typeof deployedMachineDtoSchema>;

const deployRequest = deploySchema.meta({ id: "DeployRequest" });

export const MACHINES_API: ApiOperation[] = [
  operation("GET /offers", "Live offers of one provider (cached ~1 min)", reply(200, "Offers", offersResultSchema), {
    query: z.object({ provider: z.enum(PROVIDER_SLUGS) }),
    errors: [400, 401],
  }),
  operation("GET /machines", "Your machines", reply(200, "Machines", machineListDtoSchema), {
    query: z.object({ all: z.enum(["1"]).optional().describe("Include destroyed ones") }),
    errors: [401],
  }),
  operation(
    "POST /machines",
    "Deploy a machine (returns at once; a job orders it)",
    {
      ...reply(202, "Accepted", deployedMachineDtoSchema),
      ...reply(200, "Same request key: the existing machine", deployedMachineDtoSchema),
    },
    { body: deployRequest, errors: [400, 401, 409, 413, 502] },
  ),
  machineOperation("GET /machines/{id}", "One machine with its steps", reply(200, "OK", machineDetailDtoSchema)),
  machineOperation(
    "DELETE /machines/{id}",
    "Destroy (ends billing, erases the disk)",
    reply(202, "Accepted", machineDetailDtoSchema),
    {
      query: z.object({ confirm: z.string().optional().describe("The machine's name; checked when given") }),
      errors: [400],
    },
  ),
  machineOperation(
    "POST /machines/{id}/stop",
    "Stop (where the provider can)",
    reply(202, "Accepted", machineDetailDtoSchema),
    { errors: [409] },
  ),
  machineOperation(
    "POST /machines/{id}/start",
    "Start a stopped machine",
    reply(202, "Accepted", machineDetailDtoSchema),
    { errors: [409] },
  ),
];
