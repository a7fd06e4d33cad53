import "server-only";
import type { Db } from "@/db";
import type { MachineRow } from "@/db/queries/machines";
import { findSealedPrivateKey } from "@/db/queries/ssh-keys";
import type { MachineTarget } from "@/lib/agent";
import { getAgentPrivateKey } from "@/lib/settings";
import { MachineNotReachableError, NoAgentKeyError } from "./agent-errors";

const FIX =
  "Generate a key in Settings → SSH keys and deploy with it (the app keeps the private half of generated keys, sealed, for its own agent).";

/**
 * Why the app's agent cannot log in to a machine, without opening any secret: no key chosen, the key
 * was deleted, or it was registered public-only. Null when a generated key is there.
 */
export async function agentKeyProblem(db: Db, m: Pick<MachineRow, "userId" | "sshKeyId">): Promise<string | null> {
  if (!m.sshKeyId) return `The agent cannot connect: this machine has no SSH key of yours on record. ${FIX}`;
  const row = await findSealedPrivateKey(db, m.userId, m.sshKeyId);
  if (!row) return `The agent cannot connect: the SSH key this machine was deployed with was deleted. ${FIX}`;
  if (!row.sealedPrivateKey)
    return `The agent cannot connect: this machine's SSH key was registered as a public key only, so the app has no private half to log in with. ${FIX}`;
  return null;
}

/** The pool target for a machine: its SSH endpoint and the unsealed private key of its generated key. */
export async function targetForMachine(db: Db, m: MachineRow): Promise<MachineTarget> {
  if (m.status !== "running")
    throw new MachineNotReachableError(`The machine is ${m.status}; the agent works on running machines only.`);
  if (!m.sshHost || !m.sshPort || !m.sshUser)
    throw new MachineNotReachableError("The machine has no SSH endpoint yet.");
  const problem = await agentKeyProblem(db, m);
  if (problem) throw new NoAgentKeyError(problem);
  const key = await getAgentPrivateKey(db, m.userId, m.sshKeyId!);
  if (!key) throw new NoAgentKeyError(`The agent cannot connect: the machine's SSH key has no private half. ${FIX}`);
  return { id: m.id, host: m.sshHost, port: m.sshPort, username: m.sshUser, privateKey: key.privateKey };
}
