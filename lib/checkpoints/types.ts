// What the machine page and the API see of the agent's records (no secrets). Client-safe: types only.

export interface VerdictReasonDto {
  code: string;
  severity: "blocker" | "warning";
  message: string;
  fix: string;
}

export interface HostKeyAlertDto {
  expected: string;
  actual: string;
  at: string;
}

export interface ProbeSummaryDto {
  kernel: string;
  user: string;
  isRoot: boolean;
  passwordlessSudo: boolean;
  driverVersion: string | null;
  cudaVersion: string | null;
  gpus: { index: number; name: string; persistenceMode: boolean; memoryUsedMiB: number; memoryTotalMiB: number }[];
  cudaCheckpointPath: string | null;
  cudaCheckpointDriver: string | null;
  criuVersion: string | null;
  caps: { sysPtrace: boolean; sysAdmin: boolean; checkpointRestore: boolean } | null;
  seccomp: number | null;
}

export interface ProbeDto {
  machineId: string;
  /** The last probe, null before the first one. */
  probe: {
    id: string;
    at: string;
    ready: boolean;
    criuReady: boolean;
    reasons: VerdictReasonDto[];
    /** Set when the probe could not run (no key, SSH refused, host key changed…). */
    error: string | null;
    errorCode: string | null;
    summary: ProbeSummaryDto | null;
  } | null;
  /** The verdict actions go by: the last probe that ran (an SSH error later does not erase it). */
  verdict: { at: string; ready: boolean; criuReady: boolean; reasons: VerdictReasonDto[] } | null;
  /** A probe was asked for and has not reported yet. */
  probing: boolean;
  hostKeyAlert: HostKeyAlertDto | null;
  /** Why the app's agent cannot log in to this machine at all (and how to fix it), or null. */
  agentKeyProblem: string | null;
}

export type ProcessStateDto = "running" | "locked" | "checkpointed" | "failed" | "checkpointing" | "restoring" | "unknown" | "gone";

export interface CudaProcessDto {
  pid: number;
  name: string | null;
  usedMemoryMiB: number | null;
  state: ProcessStateDto;
  /** Why the state could not be read, or why it is failed. */
  stateError: string | null;
  /** In our registry of checkpointed PIDs. */
  checkpointed: boolean;
  /** Its whole process is in a CRIU image (restore reads it back from disk). */
  inCriuImage: boolean;
  /** It left the list and is not ours to restore (it exited). */
  exited: boolean;
  lastSeenAt: string | null;
  activeOperation: { id: string; action: "checkpoint" | "restore"; status: "queued" | "running" } | null;
}

export interface ProcessesDto {
  machineId: string;
  watchedUntil: string | null;
  refreshedAt: string | null;
  refreshError: string | null;
  refreshErrorCode: string | null;
  processes: CudaProcessDto[];
}

export interface OperationStepDto {
  name: string;
  kind: string;
  exitCode: number | null;
  durationMs: number | null;
  state?: string;
  output: string;
}

export interface OperationDto {
  id: string;
  machineId: string;
  pid: number;
  action: "checkpoint" | "restore";
  criu: boolean;
  status: "queued" | "running" | "done" | "failed";
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  bytes: number | null;
  imagePath: string | null;
  imageBytes: number | null;
  initialState: string | null;
  finalState: string | null;
  error: string | null;
  errorCode: string | null;
  steps: OperationStepDto[];
}

export interface OperationsDto {
  machineId: string;
  operations: OperationDto[];
}

export interface SetupRunDto {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  log: string;
  error: string | null;
  rebootRequired: boolean;
  startedAt: string;
  endedAt: string | null;
}

export interface SetupDto {
  machineId: string;
  run: SetupRunDto | null;
}
