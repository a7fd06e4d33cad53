import "server-only";
import type { Db } from "@/db";
import {
  activeOperation,
  finishOperation,
  getCudaProcess,
  insertOperation,
  latestCompletedProbe,
} from "@/db/queries/agent";
import { DomainError, fieldErrors } from "@/lib/errors";
import { QUEUED_DEADLINE_MS } from "@/lib/deadlines";
import { assertAgentUsable } from "./assert-agent-usable";
import { pgBossJobs, type AgentJobs } from "./job-deps";
import { operationRequestSchema } from "./schemas";
import { toOperationDto } from "./to-dto";
import type { OperationDto, VerdictReasonDto } from "./types";

const fmtDate = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;
const listReasons = (rs: VerdictReasonDto[]) => rs.map((r) => `${r.message} (fix: ${r.fix})`).join("; ");

/**
 * Checks and queues a checkpoint or restore of one process: refused with the probe's reasons when
 * the last probe said not ready, and refused while another operation on the same PID is queued or
 * running (a unique index holds that even for two requests at the same instant).
 */
export async function requestOperation(
  db: Db,
  userId: string,
  machineId: string,
  input: unknown,
  jobs: AgentJobs = pgBossJobs,
): Promise<OperationDto> {
  const parsed = operationRequestSchema.safeParse(input);
  if (!parsed.success)
    throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "Invalid request.", fieldErrors(parsed.error));
  const { pid, action } = parsed.data;
  const m = await assertAgentUsable(db, userId, machineId);

  const last = await latestCompletedProbe(db, userId, machineId);
  if (!last) {
    await jobs.probe(machineId).catch(() => undefined);
    throw new DomainError(
      "conflict",
      "The machine has not been probed yet, so it is not known whether cuda-checkpoint works there. A probe was started; try again when it has reported.",
    );
  }
  const v = last.verdict as { ready: boolean; criuReady: boolean; reasons: VerdictReasonDto[] };
  if (!v.ready) {
    const blockers = v.reasons.filter((r) => r.severity === "blocker");
    throw new DomainError(
      "conflict",
      `Refused: the probe of ${fmtDate(last.at)} says this machine cannot checkpoint: ${listReasons(blockers.length ? blockers : v.reasons)}.`,
    );
  }

  const proc = await getCudaProcess(db, userId, machineId, pid);
  let criu = parsed.data.criu ?? false;
  if (action === "restore" && parsed.data.criu === undefined) criu = !!proc?.criuOperationId && proc.state === "gone";
  if (criu && action === "checkpoint" && !v.criuReady) {
    const warnings = v.reasons.filter((r) => r.code.startsWith("criu"));
    throw new DomainError(
      "conflict",
      `Refused: CRIU cannot dump whole processes here (probe of ${fmtDate(last.at)}): ${listReasons(warnings.length ? warnings : v.reasons) || "CRIU is not ready"}. Checkpoint without CRIU instead.`,
    );
  }
  if (criu && action === "restore" && !proc?.criuOperationId)
    throw new DomainError("invalid", `There is no CRIU image of PID ${pid} on record to restore from.`);

  const now = new Date();
  const op = await insertOperation(db, {
    id: crypto.randomUUID(),
    machineId: m.id,
    userId,
    pid,
    action,
    criu,
    status: "queued",
    createdAt: now,
    deadlineAt: new Date(now.getTime() + QUEUED_DEADLINE_MS),
  });
  if (!op) {
    const other = await activeOperation(db, userId, machineId, pid);
    const what = other
      ? `A ${other.action} of PID ${pid} is already ${other.status}`
      : `Another operation on PID ${pid} is already queued or running`;
    throw new DomainError("conflict", `${what}; wait for it to finish.`);
  }
  try {
    await jobs.operation(op.id);
  } catch (e) {
    console.error("[agent:enqueue]", e instanceof Error ? e.message : e);
    const failed = await finishOperation(db, op.id, {
      status: "failed",
      endedAt: new Date(),
      error: "The operation could not be queued; nothing was done. Try again.",
      errorCode: "enqueue_failed",
    });
    return toOperationDto(failed ?? op);
  }
  return toOperationDto(op);
}
