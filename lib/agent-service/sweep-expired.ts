import "server-only";
import type { Db } from "@/db";
import { failExpired } from "@/db/queries/agent";

/**
 * Marks operations and setup runs past their deadline failed, so no record stays "running" after
 * its worker died. Returns the machines whose processes should be read again.
 */
export async function sweepExpired(db: Db, now = new Date()): Promise<{ operations: number; setupRuns: number; machineIds: string[] }> {
  const r = await failExpired(db, now);
  return { operations: r.operations.length, setupRuns: r.setupRuns, machineIds: [...new Set(r.operations.map((o) => o.machineId))] };
}
