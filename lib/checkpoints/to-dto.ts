import type { AgentStateRow, CudaProcessRow, OperationRow, ProbeRow, SetupRunRow } from "@/db/queries/agent";
import type { ProbeResult, Verdict } from "@/lib/agent";
import type {
  CudaProcessDto,
  OperationDto,
  OperationStepDto,
  ProbeDto,
  ProbeSummaryDto,
  ProcessStateDto,
  SetupRunDto,
} from "./types";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toOperationDto(r: OperationRow): OperationDto {
  return {
    id: r.id,
    machineId: r.machineId,
    pid: r.pid,
    action: r.action,
    criu: r.criu,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    endedAt: iso(r.endedAt),
    durationMs: r.durationMs,
    bytes: r.bytes,
    imagePath: r.imagePath,
    imageBytes: r.imageBytes,
    initialState: r.initialState,
    finalState: r.finalState,
    error: r.error,
    errorCode: r.errorCode,
    steps: (Array.isArray(r.steps) ? r.steps : []) as OperationStepDto[],
  };
}

function summary(p: ProbeResult | null): ProbeSummaryDto | null {
  if (!p || typeof p !== "object" || !("kernel" in p)) return null;
  return {
    kernel: p.kernel,
    user: p.user,
    isRoot: p.isRoot,
    passwordlessSudo: p.passwordlessSudo,
    driverVersion: p.driverVersion,
    cudaVersion: p.cudaVersion,
    gpus: (p.gpus ?? []).map((g) => ({
      index: g.index,
      name: g.name,
      persistenceMode: g.persistenceMode,
      memoryUsedMiB: g.memoryUsedMiB,
      memoryTotalMiB: g.memoryTotalMiB,
    })),
    cudaCheckpointPath: p.cudaCheckpoint?.path ?? null,
    cudaCheckpointDriver: p.cudaCheckpoint?.help?.driverVersion ?? null,
    criuVersion: p.criu?.version ?? null,
    caps: p.caps
      ? { sysPtrace: p.caps.sysPtrace, sysAdmin: p.caps.sysAdmin, checkpointRestore: p.caps.checkpointRestore }
      : null,
    seccomp: p.seccomp,
  };
}

export function toProbeDto(
  machineId: string,
  last: ProbeRow | null,
  completed: ProbeRow | null,
  st: AgentStateRow | null,
  agentKeyProblem: string | null,
): ProbeDto {
  const v = (r: ProbeRow) => (r.verdict as Verdict | null) ?? null;
  const probing =
    !!st?.probeRequestedAt &&
    (!last || last.at < st.probeRequestedAt) &&
    Date.now() - st.probeRequestedAt.getTime() < 2 * 60_000;
  return {
    machineId,
    probe: last
      ? {
          id: last.id,
          at: last.at.toISOString(),
          ready: last.ready,
          criuReady: last.criuReady,
          reasons: v(last)?.reasons ?? [],
          error: last.error,
          errorCode: last.errorCode,
          summary: summary(last.result as ProbeResult | null),
        }
      : null,
    verdict:
      completed && v(completed)
        ? {
            at: completed.at.toISOString(),
            ready: completed.ready,
            criuReady: completed.criuReady,
            reasons: v(completed)!.reasons,
          }
        : null,
    probing,
    hostKeyAlert:
      st?.hostKeyChangedAt && st.hostKeyExpected && st.hostKeyActual
        ? { expected: st.hostKeyExpected, actual: st.hostKeyActual, at: st.hostKeyChangedAt.toISOString() }
        : null,
    agentKeyProblem,
  };
}

export function toProcessDto(r: CudaProcessRow, active: OperationRow | undefined): CudaProcessDto {
  const exited = !!r.vanishedAt && !r.checkpointed;
  return {
    pid: r.pid,
    name: r.name,
    usedMemoryMiB: r.usedMemoryMiB,
    state: r.state as ProcessStateDto,
    stateError: r.stateError,
    checkpointed: r.checkpointed,
    inCriuImage: !!r.criuOperationId,
    exited,
    lastSeenAt: iso(r.lastSeenAt),
    activeOperation: active
      ? { id: active.id, action: active.action, status: active.status as "queued" | "running" }
      : null,
  };
}

export function toSetupRunDto(r: SetupRunRow): SetupRunDto {
  return {
    id: r.id,
    status: r.status as SetupRunDto["status"],
    log: r.log,
    error: r.error,
    rebootRequired: r.rebootRequired,
    startedAt: r.startedAt.toISOString(),
    endedAt: iso(r.endedAt),
  };
}
