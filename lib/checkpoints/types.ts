import { z } from "zod";

// What the machine page and the API see of the agent's records (no secrets). The zod schemas are
// what GET /api/v1/openapi.json says; the types are derived from them. Client-safe.

const isoDateTime = z.iso.datetime();
const runStatus = z.enum(["queued", "running", "done", "failed"]);
const operationAction = z.enum(["checkpoint", "restore"]);

export const verdictReasonDtoSchema = z.object({
  code: z.string(),
  severity: z.enum(["blocker", "warning"]),
  message: z.string(),
  fix: z.string(),
});
export type VerdictReasonDto = z.infer<typeof verdictReasonDtoSchema>;

export const hostKeyAlertDtoSchema = z.object({ expected: z.string(), actual: z.string(), at: isoDateTime });
export type HostKeyAlertDto = z.infer<typeof hostKeyAlertDtoSchema>;

export const probeSummaryDtoSchema = z.object({
  kernel: z.string(),
  user: z.string(),
  isRoot: z.boolean(),
  passwordlessSudo: z.boolean(),
  driverVersion: z.string().nullable(),
  cudaVersion: z.string().nullable(),
  gpus: z.array(
    z.object({
      index: z.int(),
      name: z.string(),
      persistenceMode: z.boolean(),
      memoryUsedMiB: z.number(),
      memoryTotalMiB: z.number(),
    }),
  ),
  cudaCheckpointPath: z.string().nullable(),
  cudaCheckpointDriver: z.string().nullable(),
  criuVersion: z.string().nullable(),
  caps: z.object({ sysPtrace: z.boolean(), sysAdmin: z.boolean(), checkpointRestore: z.boolean() }).nullable(),
  seccomp: z.int().nullable(),
});
export type ProbeSummaryDto = z.infer<typeof probeSummaryDtoSchema>;

export const probeDtoSchema = z
  .object({
    machineId: z.string(),
    probe: z
      .object({
        id: z.string(),
        at: isoDateTime,
        ready: z.boolean(),
        criuReady: z.boolean(),
        reasons: z.array(verdictReasonDtoSchema),
        error: z
          .string()
          .nullable()
          .describe("Set when the probe could not run (no key, SSH refused, host key changed…)"),
        errorCode: z.string().nullable(),
        summary: probeSummaryDtoSchema.nullable(),
      })
      .nullable()
      .describe("The last probe, null before the first one"),
    verdict: z
      .object({ at: isoDateTime, ready: z.boolean(), criuReady: z.boolean(), reasons: z.array(verdictReasonDtoSchema) })
      .nullable()
      .describe("The verdict actions go by: the last probe that ran (an SSH error later does not erase it)"),
    probing: z.boolean().describe("A probe was asked for and has not reported yet"),
    hostKeyAlert: hostKeyAlertDtoSchema.nullable(),
    agentKeyProblem: z
      .string()
      .nullable()
      .describe("Why the app's agent cannot log in to this machine at all (and how to fix it), or null"),
  })
  .meta({ id: "Probe" });
export type ProbeDto = z.infer<typeof probeDtoSchema>;

export const processStateDtoSchema = z.enum([
  "running",
  "locked",
  "checkpointed",
  "failed",
  "checkpointing",
  "restoring",
  "unknown",
  "gone",
]);
export type ProcessStateDto = z.infer<typeof processStateDtoSchema>;

export const cudaProcessDtoSchema = z.object({
  pid: z.int(),
  name: z.string().nullable(),
  usedMemoryMiB: z.number().nullable(),
  state: processStateDtoSchema,
  stateError: z.string().nullable().describe("Why the state could not be read, or why it is failed"),
  checkpointed: z.boolean().describe("In our registry of checkpointed PIDs"),
  inCriuImage: z.boolean().describe("Its whole process is in a CRIU image (restore reads it back from disk)"),
  exited: z.boolean().describe("It left the list and is not ours to restore (it exited)"),
  lastSeenAt: isoDateTime.nullable(),
  activeOperation: z
    .object({ id: z.string(), action: operationAction, status: z.enum(["queued", "running"]) })
    .nullable(),
});
export type CudaProcessDto = z.infer<typeof cudaProcessDtoSchema>;

export const processesDtoSchema = z
  .object({
    machineId: z.string(),
    watchedUntil: isoDateTime.nullable(),
    refreshedAt: isoDateTime.nullable(),
    refreshError: z.string().nullable(),
    refreshErrorCode: z.string().nullable(),
    processes: z.array(cudaProcessDtoSchema),
  })
  .meta({ id: "Processes" });
export type ProcessesDto = z.infer<typeof processesDtoSchema>;

export const operationStepDtoSchema = z.object({
  name: z.string(),
  kind: z.string(),
  exitCode: z.int().nullable(),
  durationMs: z.number().nullable(),
  state: z.string().optional(),
  output: z.string(),
});
export type OperationStepDto = z.infer<typeof operationStepDtoSchema>;

export const operationDtoSchema = z
  .object({
    id: z.string(),
    machineId: z.string(),
    pid: z.int(),
    action: operationAction,
    criu: z.boolean(),
    status: runStatus,
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable(),
    endedAt: isoDateTime.nullable(),
    durationMs: z.number().nullable(),
    bytes: z.number().nullable(),
    imagePath: z.string().nullable(),
    imageBytes: z.number().nullable(),
    initialState: z.string().nullable(),
    finalState: z.string().nullable(),
    error: z.string().nullable(),
    errorCode: z.string().nullable(),
    steps: z.array(operationStepDtoSchema),
  })
  .meta({ id: "Operation" });
export type OperationDto = z.infer<typeof operationDtoSchema>;

export const operationsDtoSchema = z.object({ machineId: z.string(), operations: z.array(operationDtoSchema) });
export type OperationsDto = z.infer<typeof operationsDtoSchema>;

export const setupRunDtoSchema = z
  .object({
    id: z.string(),
    status: runStatus,
    log: z.string(),
    error: z.string().nullable(),
    rebootRequired: z.boolean(),
    startedAt: isoDateTime,
    endedAt: isoDateTime.nullable(),
  })
  .meta({ id: "SetupRun" });
export type SetupRunDto = z.infer<typeof setupRunDtoSchema>;

export const setupDtoSchema = z.object({ machineId: z.string(), run: setupRunDtoSchema.nullable() });
export type SetupDto = z.infer<typeof setupDtoSchema>;

/** Machines the probe found ready for cuda-checkpoint, per provider (sandbox machines apart, as simulated). */
export const verificationsDtoSchema = z.object({
  providers: z.array(
    z.object({ provider: z.string(), simulated: z.boolean(), machines: z.int(), lastAt: isoDateTime.nullable() }),
  ),
});
export type VerificationsDto = z.infer<typeof verificationsDtoSchema>;
