import "server-only";
import { isWatched } from "@/db/queries/agent";
import { addHandler } from "@/lib/jobs/add-handler";
import { AGENT_SWEEP_EVERY_S, REFRESH_EVERY_S } from "@/lib/deadlines";
import { startPeriodic } from "@/lib/jobs/periodic";
import { startWorkerGroup } from "@/lib/jobs/worker-group";
import { AGENT_QUEUES, enqueueRefresh, resendOperation, resendSetup } from "./queue";
import { refreshProcesses } from "./refresh-processes";
import { runOperation } from "./run-operation";
import { runProbe } from "./run-probe";
import { runSetup } from "./run-setup";
import { sweepExpired } from "./sweep-expired";

const log = (what: string) => (e: unknown) => console.error(`[agent:${what}]`, e instanceof Error ? e.message : e);

/**
 * This process's agent workers: probes, setup runs, checkpoint/restore operations, the processes
 * refresh (every REFRESH_EVERY_S while a page watches the machine) and a sweep that fails records
 * past their deadline. A failed job is logged, never retried: its record says what happened.
 */
export function startAgentWorkers(opts: { concurrency?: number } = {}): Promise<void> {
  return startWorkerGroup({
    name: "agent",
    queues: [
      { name: AGENT_QUEUES.probe },
      { name: AGENT_QUEUES.setup },
      { name: AGENT_QUEUES.op },
      { name: AGENT_QUEUES.refresh, policy: "stately" },
    ],
    start: async ({ boss, db }) => {
      const n = opts.concurrency ?? 8;
      await addHandler<{ machineId: string }>(boss, {
        queue: AGENT_QUEUES.probe,
        pollers: n,
        pollingIntervalSeconds: 0.5,
        logAs: "agent:probe",
        run: (d) => runProbe(db, d.machineId),
      });
      await addHandler<{ operationId: string }>(boss, {
        queue: AGENT_QUEUES.op,
        pollers: n,
        pollingIntervalSeconds: 0.5,
        logAs: "agent:operation",
        run: (d) => runOperation(db, d.operationId),
      });
      await addHandler<{ machineId: string }>(boss, {
        queue: AGENT_QUEUES.refresh,
        pollers: n,
        pollingIntervalSeconds: 0.5,
        logAs: "agent:refresh",
        run: async (d) => {
          await refreshProcesses(db, d.machineId);
          if (await isWatched(db, d.machineId, new Date())) await enqueueRefresh(d.machineId, REFRESH_EVERY_S);
        },
      });
      await addHandler<{ runId: string }>(boss, {
        queue: AGENT_QUEUES.setup,
        pollers: 2,
        pollingIntervalSeconds: 1,
        logAs: "agent:setup",
        run: (d) => runSetup(db, d.runId),
      });
      // Somewhere in the cluster, often enough that a dead worker's lease is noticed within a minute.
      await startPeriodic(boss, {
        name: AGENT_QUEUES.sweep,
        everySeconds: AGENT_SWEEP_EVERY_S,
        run: async () => {
          const r = await sweepExpired(db);
          for (const id of r.machineIds) await enqueueRefresh(id).catch(log("sweep"));
          for (const id of r.resend.operations) await resendOperation(id).catch(log("sweep"));
          for (const id of r.resend.setupRuns) await resendSetup(id).catch(log("sweep"));
        },
      });
      await sweepExpired(db).catch(log("sweep"));
    },
  });
}
