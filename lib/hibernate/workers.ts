import "server-only";
import { hibernationsNeedingWork } from "@/db/queries/hibernations";
import { addHandler } from "@/lib/jobs/add-handler";
import { HIBERNATE_SWEEP_EVERY_S } from "@/lib/deadlines";
import { startPeriodic } from "@/lib/jobs/periodic";
import { startWorkerGroup } from "@/lib/jobs/worker-group";
import { enqueueMachineStep } from "@/lib/machines";
import { enqueueHibernationStep, HIBERNATE_QUEUES, type HibernationStepJob } from "./queue";
import { advanceResume } from "./run-resume";
import { advanceHibernate } from "./run-hibernate";

/** This process's hibernate workers, and a sweep that carries on records a dead worker left mid-way. */
export function startHibernateWorkers(opts: { concurrency?: number } = {}): Promise<void> {
  return startWorkerGroup({
    name: "hibernate",
    queues: [{ name: HIBERNATE_QUEUES.step }],
    start: async ({ boss, db }) => {
      const deps = { db, enqueueMachineStep: (id: string) => enqueueMachineStep(id) };
      await addHandler<HibernationStepJob>(boss, {
        queue: HIBERNATE_QUEUES.step,
        pollers: opts.concurrency ?? 4,
        pollingIntervalSeconds: 0.5,
        run: async ({ id, kind }) => {
          const next = kind === "resume" ? await advanceResume(deps, id) : await advanceHibernate(deps, id);
          if (next !== null) await enqueueHibernationStep(id, kind, next);
        },
      });
      const sweep = async () => {
        for (const h of await hibernationsNeedingWork(db, new Date()))
          await enqueueHibernationStep(h.id, h.status === "hibernated" ? "resume" : "hibernate");
      };
      await startPeriodic(boss, { name: HIBERNATE_QUEUES.sweep, everySeconds: HIBERNATE_SWEEP_EVERY_S, run: sweep });
      await sweep();
    },
  });
}
