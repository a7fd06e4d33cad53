import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/db";
import { listMachinesNeedingWork } from "@/db/queries/machines";
import { advanceMachine, type StepDeps } from "@/lib/machines/advance-machine";
import { getBoss } from "@/lib/jobs/boss";
import { startPeriodic } from "@/lib/jobs/periodic";

export const QUEUES = { step: "machine-step", sweep: "machine-sweep", reconcile: "reconcile" } as const;

/** Asks a worker to run the machine's next step (after `delayMs`). Safe to call twice: steps are leased. */
export async function enqueueMachineStep(machineId: string, delayMs = 0): Promise<void> {
  const boss = await getBoss();
  // A Date keeps sub-second delays (a number would be whole seconds).
  await boss.send(QUEUES.step, { machineId }, { startAfter: delayMs > 0 ? new Date(Date.now() + delayMs) : undefined, retryLimit: 5, retryDelay: 2, expireInSeconds: 120 });
}

async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(QUEUES)) {
    // The sweep and reconciliation are periodic (lib/jobs/periodic.ts makes their queues).
    if (name === QUEUES.step && !(await boss.getQueue(name))) await boss.createQueue(name, { name });
  }
}

/**
 * Starts this process's workers: machine steps (each job runs one step and schedules the next), and a
 * sweep every 30 s that re-enqueues machines whose job was lost (a process killed mid-step), and
 * reconciliation with each provider every two minutes.
 */
export async function startMachineWorkers(deps: Omit<StepDeps, "db">, opts: { concurrency?: number } = {}): Promise<void> {
  const boss = await getBoss();
  await ensureQueues(boss);
  const db = await getDb();
  // Steps of different machines run side by side (each is leased); a batch is worked in parallel.
  const handle = async (jobs: PgBoss.Job<{ machineId: string }>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        const next = await advanceMachine({ ...deps, db }, job.data.machineId);
        if (next !== null) await enqueueMachineStep(job.data.machineId, next);
      }),
    );
  };
  const concurrency = opts.concurrency ?? 4;
  for (let i = 0; i < concurrency; i++) await boss.work(QUEUES.step, { pollingIntervalSeconds: 0.5, batchSize: 4 }, handle);
  // Every 30 s: machines whose step job was lost (a process killed mid-step) get one again.
  await startPeriodic(boss, {
    name: QUEUES.sweep,
    everySeconds: 30,
    run: async () => {
      for (const m of await listMachinesNeedingWork(db, new Date(), 20_000)) await enqueueMachineStep(m.id);
    },
  });
  // Reconciliation: what each provider bills that the app does not know about, every two minutes.
  await startPeriodic(boss, {
    name: QUEUES.reconcile,
    everySeconds: 120,
    run: async () => {
      const { reconcileAll } = await import("@/lib/machines/reconcile");
      await reconcileAll(db);
    },
  });
  // Resume anything left mid-way by a previous process right away.
  for (const m of await listMachinesNeedingWork(db, new Date(), 0)) await enqueueMachineStep(m.id);
}
