import "server-only";
import { listMachinesNeedingWork } from "@/db/queries/machines";
import { addHandler } from "@/lib/jobs/add-handler";
import { MACHINE_SWEEP_EVERY_S, MACHINE_SWEEP_IDLE_MS, RECONCILE_EVERY_S } from "@/lib/deadlines";
import { startPeriodic } from "@/lib/jobs/periodic";
import { startWorkerGroup } from "@/lib/jobs/worker-group";
import { advanceMachine, type StepDeps } from "./advance-machine";
import { enqueueMachineStep, MACHINE_QUEUES } from "./queue";
import { reconcileAll } from "./reconcile";

/**
 * Starts this process's machine workers: machine steps (each job runs one step and schedules the
 * next), a sweep that re-enqueues machines whose job was lost (a process killed mid-step), and
 * reconciliation with each provider. `deps` is start-up's wiring: the provider clients, the SSH
 * check, and what to do once a machine is ready.
 */
export function startMachineWorkers(deps: Omit<StepDeps, "db">, opts: { concurrency?: number } = {}): Promise<void> {
  return startWorkerGroup({
    name: "machines",
    queues: [{ name: MACHINE_QUEUES.step }],
    start: async ({ boss, db }) => {
      // Steps of different machines run side by side (each is leased); a batch is worked in parallel.
      await addHandler<{ machineId: string }>(boss, {
        queue: MACHINE_QUEUES.step,
        pollers: opts.concurrency ?? 4,
        pollingIntervalSeconds: 0.5,
        batchSize: 4,
        parallel: true,
        run: async ({ machineId }) => {
          const next = await advanceMachine({ ...deps, db }, machineId);
          if (next !== null) await enqueueMachineStep(machineId, next);
        },
      });
      await startPeriodic(boss, {
        name: MACHINE_QUEUES.sweep,
        everySeconds: MACHINE_SWEEP_EVERY_S,
        run: async () => {
          for (const m of await listMachinesNeedingWork(db, new Date(), MACHINE_SWEEP_IDLE_MS))
            await enqueueMachineStep(m.id);
        },
      });
      // What each provider bills that the app does not know about.
      await startPeriodic(boss, {
        name: MACHINE_QUEUES.reconcile,
        everySeconds: RECONCILE_EVERY_S,
        run: () => reconcileAll(db),
      });
      // Resume anything left mid-way by a previous process right away.
      for (const m of await listMachinesNeedingWork(db, new Date(), 0)) await enqueueMachineStep(m.id);
    },
  });
}
