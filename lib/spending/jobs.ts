import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/db";
import { failAbandonedActions, staleQueuedActions } from "@/db/queries/spending";
import { getBoss } from "@/lib/jobs/boss";
import { enqueueMachineStep } from "@/lib/machines/jobs";
import { startPeriodic } from "@/lib/jobs/periodic";
import { checkpointAllCuda } from "./checkpoint-all";
import { hibernateForBudget } from "./hibernate-for-budget";
import { evaluateAll } from "./evaluate-budgets";
import { runBudgetAction } from "./run-budget-action";

export const SPENDING_QUEUES = { evaluate: "spending-evaluate", action: "budget-action" } as const;

/** A budget action whose worker died this many times is failed instead of taken again. */
export const MAX_ACTION_ATTEMPTS = 3;

const g = globalThis as unknown as { __dumontSpendingWorkers?: Promise<void> };

/** Runs one budget action in a worker. Not retried: the record says what happened; a lost job is re-sent by the evaluator. */
export async function enqueueBudgetAction(actionId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(SPENDING_QUEUES.action, { actionId }, { retryLimit: 0, expireInSeconds: 900 });
}

async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(SPENDING_QUEUES)) {
    // The evaluator is periodic (lib/jobs/periodic.ts makes its queue).
    if (name === SPENDING_QUEUES.action && !(await boss.getQueue(name))) await boss.createQueue(name, { name });
  }
}

/**
 * Budgets that act: every minute (a periodic job, lib/jobs/periodic.ts) each user's month spend and machine limits are
 * evaluated, and each reached limit's action runs as a job of its own. Saving a budget or a limit
 * also evaluates at once (lib/spending/save-limits.ts), so a limit already passed acts immediately.
 */
export function startSpendingWorkers(): Promise<void> {
  g.__dumontSpendingWorkers ??= (async () => {
    const boss = await getBoss();
    await ensureQueues(boss);
    const db = await getDb();
    await startPeriodic(boss, {
      name: SPENDING_QUEUES.evaluate,
      everySeconds: 60,
      run: async () => {
        await evaluateAll(db, new Date(), enqueueBudgetAction);
        // Actions whose worker died three times are failed with what to check; other lost ones (queued
        // over two minutes ago, or running with a lapsed lease) are sent again.
        await failAbandonedActions(db, new Date(), MAX_ACTION_ATTEMPTS);
        for (const a of await staleQueuedActions(db, new Date(Date.now() - 120_000))) await enqueueBudgetAction(a.id);
      },
    });
    await boss.work<{ actionId: string }>(SPENDING_QUEUES.action, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await runBudgetAction({ db, enqueueStep: (id) => enqueueMachineStep(id), checkpointAll: checkpointAllCuda, hibernate: hibernateForBudget(db) }, job.data.actionId);
    });
  })().catch((err) => {
    g.__dumontSpendingWorkers = undefined;
    throw err;
  });
  return g.__dumontSpendingWorkers;
}
