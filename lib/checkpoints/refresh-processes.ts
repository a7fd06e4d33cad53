import "server-only";
import type { Db } from "@/db";
import { checkpointedRegistry, getAgentStateById, recordRefresh, writeRefresh } from "@/db/queries/agent";
import { getMachineById } from "@/db/queries/machines";
import { processes } from "@/lib/agent";
import { describeAgentError, noteHostKeyChange } from "./agent-errors";
import { getAgentPool } from "./agent-pool";
import { targetForMachine } from "./machine-target";

export type RefreshResult =
  | { ok: true; count: number }
  | { ok: false; skipped?: string; error?: string; code?: string };

/**
 * Job side: reads the machine's CUDA processes (nvidia-smi compute apps joined with our registry of
 * checkpointed PIDs, each with `cuda-checkpoint --get-state`) and writes them to cuda_processes.
 * Processes that left the list and are not ours to restore are marked vanished.
 */
export async function refreshProcesses(db: Db, machineId: string): Promise<RefreshResult> {
  const m = await getMachineById(db, machineId);
  if (m?.status !== "running") return { ok: false, skipped: "not running" };
  const st = await getAgentStateById(db, machineId);
  // A changed host key is refused until the user trusts the new one: do not knock every 2 s.
  if (st?.hostKeyChangedAt) return { ok: false, skipped: "host key changed" };
  const startedAt = new Date();
  try {
    const target = await targetForMachine(db, m);
    const registry = await checkpointedRegistry(db, machineId);
    const refs = registry.map((r) => ({
      pid: r.pid,
      usedMemoryMiB: r.usedMemoryMiB ?? undefined,
      name: r.name ?? undefined,
    }));
    const list = await processes(getAgentPool(), target, refs, { timeoutMs: 20_000 });
    // A checkpointed PID that is gone without a CRIU image of it was killed: nothing left to restore.
    const withImage = new Set(registry.filter((r) => r.criuOperationId).map((r) => r.pid));
    const unregister = list.filter((p) => p.state === "gone" && !withImage.has(p.pid)).map((p) => p.pid);
    await writeRefresh(
      db,
      machineId,
      list.map((p) => ({
        pid: p.pid,
        name: p.name,
        usedMemoryMiB: p.usedMemoryMiB,
        state: p.state,
        stateError: p.stateError,
        alive: p.alive,
      })),
      startedAt,
      new Date(),
      unregister,
    );
    await recordRefresh(db, machineId, { error: null, code: null }, new Date());
    return { ok: true, count: list.length };
  } catch (e) {
    await noteHostKeyChange(db, machineId, e);
    const d = describeAgentError(e, "processes");
    await recordRefresh(db, machineId, { error: d.message, code: d.code }, new Date());
    return { ok: false, error: d.message, code: d.code };
  }
}
