import "server-only";
import type { Db } from "@/db";
import { markProbeRequested } from "@/db/queries/agent";
import { getMachine } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import { pgBossJobs, type AgentJobs } from "./job-deps";

/** Asks for a fresh probe of the user's running machine (the page shows "probing…" until it reports). */
export async function requestProbe(
  db: Db,
  userId: string,
  machineId: string,
  jobs: AgentJobs = pgBossJobs,
): Promise<void> {
  const m = await getMachine(db, userId, machineId);
  if (!m) throw new DomainError("not_found", "No such machine.");
  if (m.status !== "running")
    throw new DomainError("conflict", `The machine is ${m.status}; it can be probed once it is running.`);
  await markProbeRequested(db, userId, machineId, new Date());
  await jobs.probe(machineId);
}
