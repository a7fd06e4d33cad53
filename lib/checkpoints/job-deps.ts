import "server-only";

/**
 * How the request functions hand work to the job workers. The default sends pg-boss jobs; tests pass
 * functions that run the job inline (or record it).
 */
export interface AgentJobs {
  probe(machineId: string): Promise<unknown>;
  setup(runId: string): Promise<unknown>;
  operation(operationId: string): Promise<unknown>;
  refresh(machineId: string): Promise<unknown>;
}

export const pgBossJobs: AgentJobs = {
  probe: async (id) => (await import("./jobs")).enqueueProbe(id),
  setup: async (id) => (await import("./jobs")).enqueueSetup(id),
  operation: async (id) => (await import("./jobs")).enqueueOperation(id),
  refresh: async (id) => (await import("./jobs")).enqueueRefresh(id),
};
