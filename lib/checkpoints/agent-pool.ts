import "server-only";
import { getDb } from "@/db";
import { getPinnedHostKey, pinHostKey } from "@/db/queries/agent";
import { AgentPool, type HostKeyStore } from "@/lib/agent";

/**
 * Host keys live on the machine row: pinned into machines.hostKeyFingerprint on first contact,
 * compared on every later connection (a different key is a HostKeyChangedError, never retried).
 * The database is looked up per call, so the pool survives a test switching databases.
 */
export const dbHostKeyStore: HostKeyStore = {
  get: async (machineId) => getPinnedHostKey(await getDb(), machineId),
  pin: async (machineId, fingerprint) => pinHostKey(await getDb(), machineId, fingerprint),
};

const g = globalThis as unknown as { __dumontAgentPool?: AgentPool };

/** The process-wide SSH pool: one connection per machine, shared by every agent job in this process. */
export function getAgentPool(): AgentPool {
  g.__dumontAgentPool ??= new AgentPool({
    hostKeys: dbHostKeyStore,
    keepaliveIntervalMs: 10_000,
    readyTimeoutMs: 15_000,
    defaultTimeoutMs: 60_000,
  });
  return g.__dumontAgentPool;
}

/** Closes every connection (tests, shutdown). The next getAgentPool() opens a fresh pool. */
export function closeAgentPool(): void {
  g.__dumontAgentPool?.closeAll();
  g.__dumontAgentPool = undefined;
}
