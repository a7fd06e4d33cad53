import { AgentParseError } from "./errors";
import { parseComputeApps, parseCudaCheckpointError, parseCudaState, type ComputeApp, type CudaState } from "./parsers";
import type { AgentPool, MachineTarget } from "./pool";
import { parseScriptOutput, sectionRc, sectionText } from "./protocol";
import { PROCESSES_SCRIPT } from "./scripts";
import { validatePid } from "./shell";

/** A PID the app checkpointed earlier (checkpointed processes leave nvidia-smi). */
export type CheckpointedRef = number | { pid: number; usedMemoryMiB?: number; name?: string };

export interface CudaProcess {
  pid: number;
  name: string | null;
  /** From nvidia-smi; for checkpointed PIDs, what the caller passed in. */
  usedMemoryMiB: number | null;
  inComputeApps: boolean;
  alive: boolean;
  /** `gone`: the process no longer exists (e.g. dumped by CRIU); `unknown`: --get-state failed. */
  state: CudaState | "unknown" | "gone";
  stateError: string | null;
}

/** Parses the processes script's output (exported for unit tests). */
export function parseProcessesOutput(raw: string, machineId: string, refs: CheckpointedRef[] = []): CudaProcess[] {
  const out = parseScriptOutput(raw, "processes", { machineId });
  const appsSec = out.sections.find((s) => s.name === "compute_apps");
  let apps: ComputeApp[] = [];
  if (appsSec && sectionRc(appsSec) === 0) apps = parseComputeApps(sectionText(appsSec));
  const byPid = new Map(apps.map((a) => [a.pid, a]));
  const refByPid = new Map(refs.map((r) => (typeof r === "number" ? [r, { pid: r }] : [r.pid, r])));
  const result: CudaProcess[] = [];
  for (const s of out.sections) {
    if (s.name !== "state") continue;
    const pid = Number(s.attrs.pid);
    if (!Number.isInteger(pid) || pid <= 0)
      throw new AgentParseError("processes output", raw, [`bad pid attribute ${s.attrs.pid}`], machineId);
    const alive = s.attrs.alive === "1";
    const app = byPid.get(pid);
    const ref = refByPid.get(pid);
    const comm = out.sections.find((c) => c.name === "comm" && c.attrs.pid === String(pid));
    let state: CudaProcess["state"];
    let stateError: string | null = null;
    if (!alive) state = "gone";
    else if (sectionRc(s) === 0) state = parseCudaState(sectionText(s));
    else {
      state = "unknown";
      const msg = parseCudaCheckpointError(sectionText(s));
      stateError = msg?.line ?? (sectionText(s).split("\n")[0] || `exit ${sectionRc(s)}`);
    }
    result.push({
      pid,
      name:
        app?.processName ??
        (ref && typeof ref === "object" && "name" in ref ? (ref.name ?? null) : null) ??
        (comm ? sectionText(comm).trim() || null : null),
      usedMemoryMiB: app?.usedMemoryMiB ?? (ref && "usedMemoryMiB" in ref ? (ref.usedMemoryMiB ?? null) : null),
      inComputeApps: !!app,
      alive,
      state,
      stateError,
    });
  }
  return result;
}

/** CUDA processes on a machine, each with its checkpoint state. */
export async function processes(
  pool: AgentPool,
  target: MachineTarget,
  checkpointed: CheckpointedRef[] = [],
  opts: { timeoutMs?: number } = {},
): Promise<CudaProcess[]> {
  const pids = checkpointed.map((r) => validatePid(typeof r === "number" ? r : r.pid));
  const r = await pool.exec(target, PROCESSES_SCRIPT, pids, {
    timeoutMs: opts.timeoutMs ?? 30_000,
    idempotent: true,
    what: "processes",
  });
  return parseProcessesOutput(r.stdout, target.id, checkpointed);
}
