import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/db";
import { hibernationsNeedingWork } from "@/db/queries/hibernations";
import { getBoss } from "@/lib/jobs/boss";
import { enqueueMachineStep } from "@/lib/machines/jobs";
import { startPeriodic } from "@/lib/jobs/periodic";
import { advanceResume } from "./run-resume";
import { advanceHibernate } from "./run-hibernate";

export const HIBERNATE_QUEUES = { step: "hibernate-step", sweep: "hibernate-sweep" } as const;

type StepJob = { id: string; kind: "hibernate" | "resume" };

/** Asks a worker to carry a hibernation (or its resume) forward. Safe to call twice: the record is leased. */
export async function enqueueHibernationStep(id: string, kind: StepJob["kind"], delayMs = 0): Promise<void> {
  const boss = await getBoss();
  // One job may run a whole upload or download: let it live as long as the longest transfer.
  await boss.send(HIBERNATE_QUEUES.step, { id, kind }, { startAfter: delayMs > 0 ? new Date(Date.now() + delayMs) : undefined, retryLimit: 2, retryDelay: 5, expireInSeconds: 3 * 3600 });
}

const g = globalThis as unknown as { __dumontHibernateWorkers?: Promise<void> };

/** This process's hibernate workers, and a sweep that carries on records a dead worker left mid-way. */
export function startHibernateWorkers(opts: { concurrency?: number } = {}): Promise<void> {
  g.__dumontHibernateWorkers ??= (async () => {
    const boss = await getBoss();
    if (!(await boss.getQueue(HIBERNATE_QUEUES.step))) await boss.createQueue(HIBERNATE_QUEUES.step, { name: HIBERNATE_QUEUES.step });
    const db = await getDb();
    const deps = { db, enqueueMachineStep: (id: string) => enqueueMachineStep(id) };
    const handle = async (jobs: PgBoss.Job<StepJob>[]) => {
      for (const job of jobs) {
        const { id, kind } = job.data;
        const next = kind === "resume" ? await advanceResume(deps, id) : await advanceHibernate(deps, id);
        if (next !== null) await enqueueHibernationStep(id, kind, next);
      }
    };
    for (let i = 0; i < (opts.concurrency ?? 4); i++) await boss.work<StepJob>(HIBERNATE_QUEUES.step, { pollingIntervalSeconds: 0.5, batchSize: 1 }, handle);
    const sweep = async () => {
      for (const h of await hibernationsNeedingWork(db, new Date())) await enqueueHibernationStep(h.id, h.status === "hibernated" ? "resume" : "hibernate");
    };
    await startPeriodic(boss, { name: HIBERNATE_QUEUES.sweep, everySeconds: 30, run: sweep });
    await sweep();
  })().catch((err) => {
    g.__dumontHibernateWorkers = undefined;
    throw err;
  });
  return g.__dumontHibernateWorkers;
}
