import "server-only";
import { AgentError, HostKeyChangedError } from "@/lib/agent";
import type { Db } from "@/db";
import { recordHostKeyChange } from "@/db/queries/agent";
import { isSecretKeyLostError } from "@/lib/crypto/seal";

/** The agent cannot log in to this machine at all: no key, or a key without its private half. */
export class NoAgentKeyError extends Error {
  readonly code = "no_agent_key";
  constructor(message: string) {
    super(message);
    this.name = "NoAgentKeyError";
  }
}

/** The machine is not in a state where the agent can reach it (not running, no SSH endpoint yet). */
export class MachineNotReachableError extends Error {
  readonly code = "machine_not_running";
  constructor(message: string) {
    super(message);
    this.name = "MachineNotReachableError";
  }
}

/**
 * Any failure of an agent call as a code and a message a person can act on. AgentErrors carry their
 * own clear messages (they name the machine, the PID and the step); anything else is logged and
 * summarised without its internals.
 */
export function describeAgentError(e: unknown, context: string): { code: string; message: string } {
  if (e instanceof AgentError) {
    if (e.code === "auth_failed") {
      return {
        code: e.code,
        message: `${e.message}. The machine does not accept this machine's SSH key: check that its public half is in ~/.ssh/authorized_keys there.`,
      };
    }
    return { code: e.code, message: e.message };
  }
  if (e instanceof NoAgentKeyError || e instanceof MachineNotReachableError)
    return { code: e.code, message: e.message };
  if (isSecretKeyLostError(e)) {
    return {
      code: "secret_key_lost",
      message:
        "The app's secret key changed, so the SSH private key sealed with the old one cannot be opened. Generate a new key in Settings and deploy with it.",
    };
  }
  console.error(`[agent:${context}]`, e instanceof Error ? e.message : e);
  return {
    code: "internal",
    message: "The agent failed on our side; nothing was done on the machine. Try again in a moment.",
  };
}

/** Keeps a changed host key on the machine's agent state so the page can show both fingerprints. */
export async function noteHostKeyChange(db: Db, machineId: string, e: unknown): Promise<void> {
  if (e instanceof HostKeyChangedError)
    await recordHostKeyChange(db, machineId, e.expectedFingerprint, e.actualFingerprint, new Date());
}
