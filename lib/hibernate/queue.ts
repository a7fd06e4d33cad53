import "server-only";
import { getBoss } from "@/lib/jobs/boss";
import { HIBERNATE_STEP_JOB_EXPIRE_S } from "@/lib/deadlines";

export const HIBERNATE_QUEUES = { step: "hibernate-step", sweep: "hibernate-sweep" } as const;

export type HibernationStepJob = { id: string; kind: "hibernate" | "resume" };

/** Asks a worker to carry a hibernation (or its resume) forward. Safe to call twice: the record is leased. */
export async function enqueueHibernationStep(id: string, kind: HibernationStepJob["kind"], delayMs = 0): Promise<void> {
  const boss = await getBoss();
  await boss.send(
    HIBERNATE_QUEUES.step,
    { id, kind },
    {
      startAfter: delayMs > 0 ? new Date(Date.now() + delayMs) : undefined,
      retryLimit: 2,
      retryDelay: 5,
      expireInSeconds: HIBERNATE_STEP_JOB_EXPIRE_S,
    },
  );
}
