export * from "./errors";
export { sshFingerprint, memoryHostKeyStore, type HostKeyStore } from "./host-keys";
export { AgentPool, type AgentPoolOptions, type ExecOptions, type ExecResult, type MachineTarget } from "./pool";
export {
  probe,
  verdict,
  parseProbeOutput,
  type ProbeResult,
  type Verdict,
  type VerdictReason,
  type ReasonCode,
} from "./probe";
export { processes, parseProcessesOutput, type CudaProcess, type CheckpointedRef } from "./processes";
export {
  checkpoint,
  restore,
  type CheckpointOptions,
  type RestoreOptions,
  type OperationOutcome,
  type OperationRecord,
  type OperationStep,
  type OperationAction,
} from "./operations";
export { setup, type SetupLine, type SetupResult, type SetupStepResult } from "./setup";
export { CUDA_STATES, type CudaState, type Gpu, type CudaCheckpointHelp, type DecodedCaps } from "./parsers";
export { validatePid, validateId, MAX_PID } from "./shell";
export {
  packImage,
  uploadParts,
  downloadImage,
  unpackImage,
  parsePartLine,
  type PackedImage,
  type UploadedPart,
} from "./image-transfer";
export { encodedArg } from "./shell";
