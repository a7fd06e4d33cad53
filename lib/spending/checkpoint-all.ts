import "server-only";
import type { Db } from "@/db";
import { latestCompletedProbe, listCudaProcesses } from "@/db/queries/agent";
import {
  type AgentJobs,
  refreshProcesses,
  requestOperation,
  runOperation,
  type VerdictReasonDto,
} from "@/lib/checkpoints";
import { isDomainError } from "@/lib/errors";

export interface CheckpointAllResult {
  /** True when every CUDA process was checkpointed (or there was none). */
  ok: boolean;
  /** What happened, one line per step, for the budget action's record. */
  notes: string[];
}

export type CheckpointAll = (db: Db, userId: string, machineId: string) => Promise<CheckpointAllResult>;

// The operations run here, inside the budget action's job, one after the other: the destroy that
// follows must wait for them, so they are not handed to the agent's queue.
const inline: AgentJobs = {
  probe: async () => undefined,
  setup: async () => undefined,
  operation: async () => undefined,
  refresh: async () => undefined,
};

/**
 * Checkpoints every running CUDA process of the machine through the agent, where the last probe
 * says cuda-checkpoint is ready. Never throws: a machine that cannot checkpoint comes back with
 * ok false and the probe's reasons, so the caller can say why and go on.
 */
export const checkpointAllCuda: CheckpointAll = async (db, userId, machineId) => {
  const notes: string[] = [];
  const probe = await latestCompletedProbe(db, userId, machineId);
  if (!probe)
    return {
      ok: false,
      notes: [
        "Checkpoint not possible: the machine was never probed, so it is not known whether cuda-checkpoint works there.",
      ],
    };
  const v = probe.verdict as { ready: boolean; reasons: VerdictReasonDto[] };
  if (!v.ready) {
    const reasons = v.reasons.filter((r) => r.severity === "blocker").map((r) => r.message);
    return {
      ok: false,
      notes: [
        `Checkpoint not possible: the probe of ${probe.at.toISOString().slice(0, 16).replace("T", " ")} UTC says not ready: ${reasons.join("; ") || "no reason given"}.`,
      ],
    };
  }
  const refreshed = await refreshProcesses(db, machineId);
  if (!refreshed.ok)
    return {
      ok: false,
      notes: [`Checkpoint not possible: could not list the CUDA processes (${refreshed.error ?? refreshed.skipped}).`],
    };
  const procs = (await listCudaProcesses(db, userId, machineId, new Date())).filter(
    (p) => !p.vanishedAt && !p.checkpointed && p.state === "running",
  );
  if (procs.length === 0) return { ok: true, notes: ["No running CUDA process to checkpoint."] };
  let ok = true;
  for (const p of procs) {
    try {
      const op = await requestOperation(db, userId, machineId, { pid: p.pid, action: "checkpoint" }, inline);
      const done = op.status === "queued" ? await runOperation(db, op.id) : null;
      if (done?.status === "done") notes.push(`Checkpointed PID ${p.pid}${p.name ? ` (${p.name})` : ""}.`);
      else {
        ok = false;
        notes.push(`Checkpoint of PID ${p.pid} failed: ${done?.error ?? op.error ?? "the operation did not run"}.`);
      }
    } catch (e) {
      ok = false;
      notes.push(`Checkpoint of PID ${p.pid} refused: ${isDomainError(e) ? e.message : "unexpected error"}.`);
      if (!isDomainError(e)) console.error("[spending:checkpoint]", e);
    }
  }
  return { ok, notes };
};
