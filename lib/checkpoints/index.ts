export { describeAgentError } from "./agent-errors";
export { closeAgentPool, getAgentPool } from "./agent-pool";
export { CHECKPOINTS_API, type QueuedOperationDto, type StartedSetupDto } from "./api-spec";
export type { AgentJobs } from "./job-deps";
export { agentKeyProblem, targetForMachine } from "./machine-target";
export { getOperationsView, getProbeView, getProcessesView, getSetupView } from "./read-agent";
export { refreshProcesses } from "./refresh-processes";
export { requestOperation } from "./request-operation";
export { requestProbe } from "./request-probe";
export { requestSetup } from "./request-setup";
export { runOperation } from "./run-operation";
export { trustHostKey } from "./trust-host-key";
export type {
  CudaProcessDto,
  OperationDto,
  OperationsDto,
  ProbeDto,
  ProcessesDto,
  SetupDto,
  SetupRunDto,
  VerdictReasonDto,
  VerificationsDto,
} from "./types";
export { probeWhenReady } from "./queue";
