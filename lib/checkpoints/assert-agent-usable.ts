import "server-only";
import type { Db } from "@/db";
import { getAgentState } from "@/db/queries/agent";
import { getMachine, type MachineRow } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import { agentKeyProblem } from "./machine-target";

/** The page's loud words for a changed host key, naming both fingerprints. */
export function hostKeyChangedMessage(expected: string, actual: string): string {
  return (
    `Host key changed: this machine now presents ${actual}, but ${expected} was pinned on first contact. ` +
    "The agent refuses to connect: this may be a man-in-the-middle, or the machine was reinstalled. Verify the new key out of band before trusting it."
  );
}

/**
 * The user's machine, if the agent can act on it now: running, with a generated key, and no changed
 * host key waiting for the user. Throws a DomainError with the reason otherwise.
 */
export async function assertAgentUsable(db: Db, userId: string, machineId: string): Promise<MachineRow> {
  const m = await getMachine(db, userId, machineId);
  if (!m) throw new DomainError("not_found", "No such machine.");
  if (m.status !== "running")
    throw new DomainError("conflict", `The machine is ${m.status}; the agent works on running machines only.`);
  const problem = await agentKeyProblem(db, m);
  if (problem) throw new DomainError("no_key", problem);
  const st = await getAgentState(db, userId, machineId);
  if (st?.hostKeyChangedAt && st.hostKeyExpected && st.hostKeyActual)
    throw new DomainError("conflict", hostKeyChangedMessage(st.hostKeyExpected, st.hostKeyActual));
  return m;
}
