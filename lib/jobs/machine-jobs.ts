import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/db";
import { listMachinesNeedingWork } from "@/db/queries/machines";
import { advanceMachine, type StepDeps } from "@/lib/machines/advance-machine";
import { getBoss } from "./boss";

export const QUEUES = { step: "machine-step", sweep: "machine-sweep", reconcile: "reconcile" } as const;

/** Asks a worker to run the machine's next step (after `delayMs`). Safe to call twice: steps are leased. */
export async function enqueueMachineStep(machineId: string, delayMs = 0): Promise<void> {
  const boss = await getBoss();
  // A Date keeps sub-second delays (a number would be whole seconds).
  await boss.send(QUEUES.step, { machineId }, { startAfter: delayMs > 0 ? new Date(Date.now() + delayMs) : undefined, retryLimit: 5, retryDelay: 2, expireInSeconds: 120 });
}

async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, name === QUEUES.step ? { name } : { name, policy: "singleton" });
  }
}

/**
 * Starts this process's workers: machine steps (each job runs one step and schedules the next), and a
 * sweep every 30 s that re-enqueues machines whose job was lost (a process killed mid-step).
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
  await boss.work(QUEUES.sweep, { pollingIntervalSeconds: 5 }, async () => {
    for (const m of await listMachinesNeedingWork(db, new Date(), 20_000)) await enqueueMachineStep(m.id);
  });
  await boss.schedule(QUEUES.sweep, "* * * * *");
  // Reconciliation: what each provider bills that the app does not know about, every two minutes.
  await boss.work(QUEUES.reconcile, { pollingIntervalSeconds: 10 }, async () => {
    const { reconcileAll } = await import("@/lib/machines/reconcile");
    await reconcileAll(db);
  });
  await boss.schedule(QUEUES.reconcile, "*/2 * * * *");
  // A cron fires once a minute; nudge the sweep every 30 s from here as well.
  const timer = setInterval(() => void boss.send(QUEUES.sweep, {}, { singletonKey: "sweep", singletonSeconds: 25 }).catch(() => {}), 30_000);
  timer.unref();
  // Resume anything left mid-way by a previous process right away.
  for (const m of await listMachinesNeedingWork(db, new Date(), 0)) await enqueueMachineStep(m.id);
}
