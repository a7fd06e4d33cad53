import "server-only";
import type { Db } from "@/db";
import {
  activeOperations,
  getAgentState,
  latestCompletedProbe,
  latestProbe,
  latestSetupRun,
  listCudaProcesses,
  listOperations,
  markProbeRequested,
  markWatched,
} from "@/db/queries/agent";
import { getMachine, type MachineRow } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import { pgBossJobs, type AgentJobs } from "./job-deps";
import { agentKeyProblem } from "./machine-target";
import { toOperationDto, toProbeDto, toProcessDto, toSetupRunDto } from "./to-dto";
import type { OperationsDto, ProbeDto, ProcessesDto, SetupDto } from "./types";

/** How long one look at the processes keeps the refresh job going. */
export const WATCH_MS = 30_000;
/** A refresh older than this is started again when someone looks. */
const STALE_MS = 2_500;

async function machineOf(db: Db, userId: string, machineId: string): Promise<MachineRow> {
  const m = await getMachine(db, userId, machineId);
  if (!m) throw new DomainError("not_found", "No such machine.");
  return m;
}

const quietly = (p: Promise<unknown>, what: string) =>
  p.catch((e: unknown) => {
    console.error(`[agent:${what}]`, e instanceof Error ? e.message : e);
  });

/**
 * The last probe and the verdict actions go by. With `autoProbe`, a running machine that was never
 * probed (a registered server, or one ready before the agent existed) gets its first probe.
 */
export async function getProbeView(
  db: Db,
  userId: string,
  machineId: string,
  opts: { autoProbe?: boolean; jobs?: AgentJobs } = {},
): Promise<ProbeDto> {
  const m = await machineOf(db, userId, machineId);
  const [last, completed, keyProblem] = await Promise.all([
    latestProbe(db, userId, machineId),
    latestCompletedProbe(db, userId, machineId),
    agentKeyProblem(db, m),
  ]);
  let st = await getAgentState(db, userId, machineId);
  if (opts.autoProbe && m.status === "running" && !last && !st?.probeRequestedAt && !keyProblem) {
    await markProbeRequested(db, userId, machineId, new Date());
    await quietly((opts.jobs ?? pgBossJobs).probe(machineId), "auto-probe");
    st = await getAgentState(db, userId, machineId);
  }
  return toProbeDto(machineId, last, completed, st, keyProblem);
}

/**
 * The machine's CUDA processes as the refresh job last wrote them. With `watch`, the machine is
 * marked watched for WATCH_MS and a refresh is started if the last one is stale: the page polls the
 * database, a job polls the machine.
 */
export async function getProcessesView(
  db: Db,
  userId: string,
  machineId: string,
  opts: { watch?: boolean; jobs?: AgentJobs } = {},
): Promise<ProcessesDto> {
  const m = await machineOf(db, userId, machineId);
  const now = new Date();
  if (opts.watch && m.status === "running") {
    const w = await markWatched(db, userId, machineId, new Date(now.getTime() + WATCH_MS), now);
    const st = w?.before;
    const stale = !st?.refreshedAt || now.getTime() - st.refreshedAt.getTime() > STALE_MS;
    if (stale && !st?.hostKeyChangedAt) await quietly((opts.jobs ?? pgBossJobs).refresh(machineId), "refresh");
  }
  const [rows, active, st] = await Promise.all([
    listCudaProcesses(db, userId, machineId, now),
    activeOperations(db, userId, machineId),
    getAgentState(db, userId, machineId),
  ]);
  return {
    machineId,
    watchedUntil: st?.watchedUntil?.toISOString() ?? null,
    refreshedAt: st?.refreshedAt?.toISOString() ?? null,
    refreshError: st?.refreshError ?? null,
    refreshErrorCode: st?.refreshErrorCode ?? null,
    processes: rows.map((r) =>
      toProcessDto(
        r,
        active.find((a) => a.pid === r.pid),
      ),
    ),
  };
}

export async function getOperationsView(db: Db, userId: string, machineId: string, limit = 50): Promise<OperationsDto> {
  await machineOf(db, userId, machineId);
  return { machineId, operations: (await listOperations(db, userId, machineId, limit)).map(toOperationDto) };
}

export async function getSetupView(db: Db, userId: string, machineId: string): Promise<SetupDto> {
  await machineOf(db, userId, machineId);
  const run = await latestSetupRun(db, userId, machineId);
  return { machineId, run: run ? toSetupRunDto(run) : null };
}
