import { z } from "zod";
import type { ApiOperation } from "@/lib/api/openapi/operation";
import { PROVIDER_SLUGS } from "@/lib/providers/types";
import { machineDetailDtoSchema, machineDtoSchema } from "./machine-dto";
import { offersResultSchema } from "./offer-dto";
import { deploySchema } from "./schemas";

// The machines API: live offers, deploy, read, stop, start, destroy (app/api/v1/offers, app/api/v1/machines).

const machineId = z.object({ id: z.string().describe("Machine id") });

/** GET /machines */
export const machineListDtoSchema = z.object({ machines: z.array(machineDtoSchema) });
export type MachineListDto = z.infer<typeof machineListDtoSchema>;
/** POST /machines */
export const deployedMachineDtoSchema = z.object({ machine: machineDtoSchema });
export type DeployedMachineDto = z.infer<typeof deployedMachineDtoSchema>;

const deployRequest = deploySchema.meta({ id: "DeployRequest" });

export const MACHINES_API: ApiOperation[] = [
  {
    method: "get",
    path: "/offers",
    summary: "Live offers of one provider (cached ~1 min)",
    query: z.object({ provider: z.enum(PROVIDER_SLUGS) }),
    responses: { 200: { description: "Offers", json: offersResultSchema } },
    errors: [400, 401],
  },
  {
    method: "get",
    path: "/machines",
    summary: "Your machines",
    query: z.object({ all: z.enum(["1"]).optional().describe("Include destroyed ones") }),
    responses: { 200: { description: "Machines", json: machineListDtoSchema } },
    errors: [401],
  },
  {
    method: "post",
    path: "/machines",
    summary: "Deploy a machine (returns at once; a job orders it)",
    body: deployRequest,
    responses: { 202: { description: "Accepted", json: deployedMachineDtoSchema }, 200: { description: "Same request key: the existing machine", json: deployedMachineDtoSchema } },
    errors: [400, 401, 409, 413, 502],
  },
  { method: "get", path: "/machines/{id}", summary: "One machine with its steps", pathParams: machineId, responses: { 200: { description: "OK", json: machineDetailDtoSchema } }, errors: [401, 404] },
  {
    method: "delete",
    path: "/machines/{id}",
    summary: "Destroy (ends billing, erases the disk)",
    pathParams: machineId,
    query: z.object({ confirm: z.string().optional().describe("The machine's name; checked when given") }),
    responses: { 202: { description: "Accepted", json: machineDetailDtoSchema } },
    errors: [400, 401, 404],
  },
  { method: "post", path: "/machines/{id}/stop", summary: "Stop (where the provider can)", pathParams: machineId, responses: { 202: { description: "Accepted", json: machineDetailDtoSchema } }, errors: [401, 404, 409] },
  { method: "post", path: "/machines/{id}/start", summary: "Start a stopped machine", pathParams: machineId, responses: { 202: { description: "Accepted", json: machineDetailDtoSchema } }, errors: [401, 404, 409] },
];
