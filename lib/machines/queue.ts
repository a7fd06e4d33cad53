import "server-only";
import { getBoss } from "@/lib/jobs/boss";
import { MACHINE_STEP_JOB_EXPIRE_S } from "@/lib/deadlines";

export const MACHINE_QUEUES = { step: "machine-step", sweep: "machine-sweep", reconcile: "reconcile" } as const;

/** Asks a worker to run the machine's next step (after `delayMs`). Safe to call twice: steps are leased. */
export async function enqueueMachineStep(machineId: string, delayMs = 0): Promise<void> {
  const boss = await getBoss();
  // A Date keeps sub-second delays (a number would be whole seconds).
  await boss.send(
    MACHINE_QUEUES.step,
    { machineId },
    {
      startAfter: delayMs > 0 ? new Date(Date.now() + delayMs) : undefined,
      retryLimit: 5,
      retryDelay: 2,
      expireInSeconds: MACHINE_STEP_JOB_EXPIRE_S,
    },
  );
}
