import "server-only";
import type { Db } from "@/db";
import { getAgentState, trustPresentedHostKey } from "@/db/queries/agent";
import { DomainError } from "@/lib/errors";
import { pgBossJobs, type AgentJobs } from "./job-deps";

/**
 * After the user verified the machine's new host key out of band: pin exactly the fingerprint the
 * page showed them (not whatever the next connection presents), clear the alert, probe again.
 */
export async function trustHostKey(
  db: Db,
  userId: string,
  machineId: string,
  fingerprint: string,
  jobs: AgentJobs = pgBossJobs,
): Promise<void> {
  const st = await getAgentState(db, userId, machineId);
  if (!st?.hostKeyActual) throw new DomainError("conflict", "There is no changed host key to trust on this machine.");
  if (st.hostKeyActual !== fingerprint)
    throw new DomainError(
      "conflict",
      `The machine's presented key is ${st.hostKeyActual}, not ${fingerprint}; reload the page and check again.`,
    );
  if (!(await trustPresentedHostKey(db, userId, machineId, fingerprint, new Date())))
    throw new DomainError("not_found", "No such machine.");
  await jobs.probe(machineId);
}
