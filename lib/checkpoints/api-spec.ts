import { z } from "zod";
import { type ApiOperation, machineOperation, operation, reply } from "@/lib/api/openapi/operation";
import { operationRequestSchema } from "./schemas";
import {
  operationDtoSchema,
  operationsDtoSchema,
  probeDtoSchema,
  processesDtoSchema,
  setupDtoSchema,
  setupRunDtoSchema,
  verificationsDtoSchema,
} from "./types";

// The agent's API on one machine: readiness probe, CUDA processes, checkpoint and restore, setup
// (app/api/v1/machines/[id]/…); and the public count of verified machines (app/api/v1/verifications).

/** POST /machines/{id}/checkpoints */
export const queuedOperationDtoSchema = z.object({ operation: operationDtoSchema });
export type QueuedOperationDto = z.infer<typeof queuedOperationDtoSchema>;
/** POST /machines/{id}/setup */
export const startedSetupDtoSchema = z.object({ machineId: z.string(), run: setupRunDtoSchema });
export type StartedSetupDto = z.infer<typeof startedSetupDtoSchema>;

export const CHECKPOINTS_API: ApiOperation[] = [
  machineOperation(
    "GET /machines/{id}/probe",
    "Last readiness verdict for cuda-checkpoint (ready, or each reason and how to fix it), with its date",
    reply(
      200,
      "ProbeDto: probe, verdict {at, ready, criuReady, reasons[]}, probing, hostKeyAlert, agentKeyProblem",
      probeDtoSchema,
    ),
  ),
  machineOperation(
    "POST /machines/{id}/probe",
    "Run a probe now (poll GET until probing is false)",
    reply(202, "ProbeDto", probeDtoSchema),
    { errors: [409] },
  ),
  machineOperation(
    "GET /machines/{id}/processes",
    "CUDA processes with their checkpoint state; each call keeps the live refresh going for 30 s (?watch=0 only reads)",
    reply(
      200,
      "ProcessesDto: refreshedAt, refreshError, processes[{pid, name, usedMemoryMiB, state, stateError, checkpointed, inCriuImage, activeOperation}]",
      processesDtoSchema,
    ),
    { query: z.object({ watch: z.enum(["0", "1"]).optional() }) },
  ),
  machineOperation(
    "GET /machines/{id}/checkpoints",
    "Checkpoint and restore history, newest first",
    reply(200, "{ operations: OperationDto[] }", operationsDtoSchema),
  ),
  machineOperation(
    "POST /machines/{id}/checkpoints",
    "Checkpoint or restore one process (202 with the queued operation; poll GET for its end)",
    reply(202, "{ operation: OperationDto }", queuedOperationDtoSchema),
    {
      body: operationRequestSchema,
      errors: [
        400,
        {
          status: 409,
          description:
            "Refused: not ready (with the reasons), host key changed, or an operation on this PID is already queued or running",
        },
      ],
    },
  ),
  machineOperation(
    "GET /machines/{id}/setup",
    "Latest setup run with its output so far",
    reply(200, "{ run: SetupRunDto | null }", setupDtoSchema),
  ),
  machineOperation(
    "POST /machines/{id}/setup",
    "Start the setup guide (driver 570+, cuda-checkpoint, persistence mode), then a probe",
    reply(202, "{ run: SetupRunDto }", startedSetupDtoSchema),
    { errors: [409] },
  ),
  operation(
    "GET /verifications",
    "How many machines the agent's probe found ready for cuda-checkpoint, per provider, and when last (no sign-in); sandbox machines are counted apart as simulated",
    reply(200, "Counts per provider", verificationsDtoSchema),
    { public: true },
  ),
];
