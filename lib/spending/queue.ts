import "server-only";
import { getBoss } from "@/lib/jobs/boss";
import { BUDGET_ACTION_JOB_EXPIRE_S } from "@/lib/deadlines";

export const SPENDING_QUEUES = { evaluate: "spending-evaluate", action: "budget-action" } as const;

/** Runs one budget action in a worker. Not retried: the record says what happened; a lost job is re-sent by the evaluator. */
export async function enqueueBudgetAction(actionId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(SPENDING_QUEUES.action, { actionId }, { retryLimit: 0, expireInSeconds: BUDGET_ACTION_JOB_EXPIRE_S });
}
