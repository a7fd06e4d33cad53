import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import {
  finishOperation,
  getOperationById,
  operationLease,
  setProcessAfterOperation,
  type OperationRow,
} from "@/db/queries/agent";
import { getMachineById } from "@/db/queries/machines";
import { cudaProcesses } from "@/db/schema";
import { checkpoint, restore, type OperationOutcome } from "@/lib/agent";
import { CHECKPOINT_COMMAND_MS, LOCK_TIMEOUT_MS, RESTORE_COMMAND_MS } from "@/lib/deadlines";
import { describeAgentError, noteHostKeyChange } from "./agent-errors";
import { getAgentPool } from "./agent-pool";
import { targetForMachine } from "./machine-target";

const MiB = 1024 * 1024;

function failedStateMessage(outcome: OperationOutcome, fallback: string): string {
  const failedStep = [...outcome.record.steps].reverse().find((s) => s.kind !== "state" && s.exitCode !== 0);
  const why =
    outcome.error?.message ??
    (failedStep ? `${failedStep.name} exited ${failedStep.exitCode}: ${failedStep.output.split("\n")[0]}` : fallback);
  return `cuda-checkpoint left the process failed: ${why}. A failed process cannot be recovered; restart the job (from a CRIU image if you kept one).`;
}

/**
 * Job side: runs one queued checkpoint or restore and writes its record, whatever happens: done
 * with bytes, image and final state, or failed with a clear message and the state read back. The
 * process row follows (state, and our registry of checkpointed PIDs). Null when the operation was
 * not queued any more (already taken, or failed by the sweep).
 */
export async function runOperation(db: Db, operationId: string): Promise<OperationRow | null> {
  const queued = await getOperationById(db, operationId);
  if (queued?.status !== "queued") return null;
  const commandMs = queued.action === "checkpoint" ? CHECKPOINT_COMMAND_MS : RESTORE_COMMAND_MS;
  const now = new Date();
  // The record's deadline is a lease this worker renews while it runs.
  const leased = await operationLease.withLease(db, operationId, { now }, (op) => runClaimed(db, op, now, commandMs));
  return leased ? leased.result : null;
}

async function runClaimed(db: Db, op: OperationRow, now: Date, commandMs: number): Promise<OperationRow | null> {
  const m = await getMachineById(db, op.machineId);
  let outcome: OperationOutcome;
  try {
    if (!m) throw new Error("machine row vanished");
    const target = await targetForMachine(db, m);
    const pool = getAgentPool();
    if (op.action === "checkpoint") {
      outcome = await checkpoint(pool, target, op.pid, {
        timeoutMs: LOCK_TIMEOUT_MS,
        criu: op.criu,
        operationId: op.id,
        commandTimeoutMs: commandMs,
      });
    } else {
      const [proc] = await db
        .select({ criuOperationId: cudaProcesses.criuOperationId })
        .from(cudaProcesses)
        .where(and(eq(cudaProcesses.machineId, op.machineId), eq(cudaProcesses.pid, op.pid)));
      outcome = await restore(pool, target, op.pid, {
        criu: op.criu,
        checkpointOperationId: op.criu ? (proc?.criuOperationId ?? undefined) : undefined,
        operationId: op.id,
        commandTimeoutMs: commandMs,
      });
    }
  } catch (e) {
    // Could not even start (no key, machine gone): a consistent failed record, nothing touched remotely.
    const d = describeAgentError(e, "operation");
    return finishOperation(db, op.id, {
      status: "failed",
      endedAt: new Date(),
      durationMs: Date.now() - now.getTime(),
      error: d.message,
      errorCode: d.code,
      finalState: "unknown",
      steps: [],
    });
  }

  const r = outcome.record;
  if (outcome.error) await noteHostKeyChange(db, op.machineId, outcome.error);
  const d = outcome.error ? describeAgentError(outcome.error, "operation") : null;
  const done = await finishOperation(db, op.id, {
    status: d ? "failed" : "done",
    endedAt: new Date(r.endedAt),
    durationMs: r.durationMs,
    bytes: r.bytes,
    imagePath: r.imagePath ?? null,
    imageBytes: r.imageBytes ?? null,
    initialState: r.initialState,
    finalState: r.finalState,
    error: d?.message ?? null,
    errorCode: d?.code ?? null,
    steps: r.steps,
  });

  // The process row follows what was read back, if the operation reached the process at all
  // (a PID that is not a CUDA process, or does not exist, never enters the list).
  const touched = r.initialState !== null || r.steps.some((s) => s.kind !== "state");
  if (touched) {
    const fs = r.finalState;
    const keptImage = op.action === "checkpoint" && op.criu && !outcome.error && fs === "gone";
    const stateError =
      fs === "failed"
        ? failedStateMessage(outcome, "unknown error")
        : fs === "unknown"
          ? d
            ? `State unknown after a failed ${op.action}: ${d.message}`
            : "State could not be read back."
          : null;
    const patch: Parameters<typeof setProcessAfterOperation>[3] = { state: fs, stateError };
    if (r.bytes != null) patch.usedMemoryMiB = Math.round(r.bytes / MiB);
    if (op.action === "checkpoint") {
      // Checkpointed (or dumped) processes leave nvidia-smi: keep them in our registry. After a cut
      // connection or a timeout the remote steps may still complete, so keep watching it too.
      const transport = outcome.error?.code === "connection_lost" || outcome.error?.code === "command_timeout";
      if (fs !== "running" || transport) patch.checkpointed = true;
      if (keptImage) patch.criuOperationId = op.id;
    } else if (fs === "running") {
      patch.checkpointed = false;
      patch.criuOperationId = null;
    }
    await setProcessAfterOperation(db, op.machineId, op.pid, patch, new Date());
  }
  return done;
}
