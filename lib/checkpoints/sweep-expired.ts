import "server-only";
import type { Db } from "@/db";
import { failExpired, queuedOperationIdsBefore, queuedSetupRunIdsBefore } from "@/db/queries/agent";
import { RESEND_AFTER_MS } from "@/lib/deadlines";

export type SweepResult = {
  operations: number;
  setupRuns: number;
  /** Machines whose processes should be read again (an operation there ended without a report). */
  machineIds: string[];
  /** Queued records waiting longer than RESEND_AFTER_MS: their jobs are sent again. */
  resend: { operations: string[]; setupRuns: string[] };
};

/**
 * Marks operations and setup runs past their deadline (a queued one nobody took, a running one whose
 * worker stopped renewing its lease) failed, so no record stays "running" after its worker died.
 * Also lists queued records whose job may have died with a worker between taking the job and
 * claiming the record; sending their job again is safe because claiming is atomic.
 */
export async function sweepExpired(db: Db, now = new Date()): Promise<SweepResult> {
  const r = await failExpired(db, now);
  const before = new Date(now.getTime() - RESEND_AFTER_MS);
  const [operations, setupRuns] = await Promise.all([
    queuedOperationIdsBefore(db, before),
    queuedSetupRunIdsBefore(db, before),
  ]);
  return {
    operations: r.operations.length,
    setupRuns: r.setupRuns,
    machineIds: [...new Set(r.operations.map((o) => o.machineId))],
    resend: { operations, setupRuns },
  };
}
