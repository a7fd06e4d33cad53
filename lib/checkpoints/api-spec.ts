import { z } from "zod";
import type { ApiOperation } from "@/lib/api/openapi/operation";
import { operationRequestSchema } from "./schemas";
import { operationDtoSchema, operationsDtoSchema, probeDtoSchema, processesDtoSchema, setupDtoSchema, setupRunDtoSchema, verificationsDtoSchema } from "./types";

// The agent's API on one machine: readiness probe, CUDA processes, checkpoint and restore, setup
// (app/api/v1/machines/[id]/…); and the public count of verified machines (app/api/v1/verifications).

const machineId = z.object({ id: z.string().describe("Machine id") });

/** POST /machines/{id}/checkpoints */
export const queuedOperationDtoSchema = z.object({ operation: operationDtoSchema });
export type QueuedOperationDto = z.infer<typeof queuedOperationDtoSchema>;
/** POST /machines/{id}/setup */
export const startedSetupDtoSchema = z.object({ machineId: z.string(), run: setupRunDtoSchema });
export type StartedSetupDto = z.infer<typeof startedSetupDtoSchema>;

export const CHECKPOINTS_API: ApiOperation[] = [
  {
    method: "get",
    path: "/machines/{id}/probe",
    summary: "Last readiness verdict for cuda-checkpoint (ready, or each reason and how to fix it), with its date",
    pathParams: machineId,
    responses: { 200: { description: "ProbeDto: probe, verdict {at, ready, criuReady, reasons[]}, probing, hostKeyAlert, agentKeyProblem", json: probeDtoSchema } },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/machines/{id}/probe",
    summary: "Run a probe now (poll GET until probing is false)",
    pathParams: machineId,
    responses: { 202: { description: "ProbeDto", json: probeDtoSchema } },
    errors: [401, 404, 409],
  },
  {
    method: "get",
    path: "/machines/{id}/processes",
    summary: "CUDA processes with their checkpoint state; each call keeps the live refresh going for 30 s (?watch=0 only reads)",
    pathParams: machineId,
    query: z.object({ watch: z.enum(["0", "1"]).optional() }),
    responses: {
      200: {
        description: "ProcessesDto: refreshedAt, refreshError, processes[{pid, name, usedMemoryMiB, state, stateError, checkpointed, inCriuImage, activeOperation}]",
        json: processesDtoSchema,
      },
    },
    errors: [401, 404],
  },
  {
    method: "get",
    path: "/machines/{id}/checkpoints",
    summary: "Checkpoint and restore history, newest first",
    pathParams: machineId,
    responses: { 200: { description: "{ operations: OperationDto[] }", json: operationsDtoSchema } },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/machines/{id}/checkpoints",
    summary: "Checkpoint or restore one process (202 with the queued operation; poll GET for its end)",
    pathParams: machineId,
    body: operationRequestSchema,
    responses: { 202: { description: "{ operation: OperationDto }", json: queuedOperationDtoSchema } },
    errors: [400, 401, 404, { status: 409, description: "Refused: not ready (with the reasons), host key changed, or an operation on this PID is already queued or running" }],
  },
  {
    method: "get",
    path: "/machines/{id}/setup",
    summary: "Latest setup run with its output so far",
    pathParams: machineId,
    responses: { 200: { description: "{ run: SetupRunDto | null }", json: setupDtoSchema } },
    errors: [401, 404],
  },
  {
    method: "post",
    path: "/machines/{id}/setup",
    summary: "Start the setup guide (driver 570+, cuda-checkpoint, persistence mode), then a probe",
    pathParams: machineId,
    responses: { 202: { description: "{ run: SetupRunDto }", json: startedSetupDtoSchema } },
    errors: [401, 404, 409],
  },
  {
    method: "get",
    path: "/verifications",
    summary: "How many machines the agent's probe found ready for cuda-checkpoint, per provider, and when last (no sign-in); sandbox machines are counted apart as simulated",
    public: true,
    responses: { 200: { description: "Counts per provider", json: verificationsDtoSchema } },
  },
];
