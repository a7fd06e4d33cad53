import "server-only";
import { enqueueOperation, enqueueProbe, enqueueRefresh, enqueueSetup } from "./queue";

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
  probe: (id) => enqueueProbe(id),
  setup: (id) => enqueueSetup(id),
  operation: (id) => enqueueOperation(id),
  refresh: (id) => enqueueRefresh(id),
};
