import "server-only";
import { failAbandonedActions, staleQueuedActions } from "@/db/queries/spending";
import { addHandler } from "@/lib/jobs/add-handler";
import { BUDGET_ACTION_RESEND_AFTER_MS, BUDGET_EVALUATE_EVERY_S, MAX_ACTION_ATTEMPTS } from "@/lib/deadlines";
import { startPeriodic } from "@/lib/jobs/periodic";
import { startWorkerGroup } from "@/lib/jobs/worker-group";
import { enqueueMachineStep } from "@/lib/machines";
import { checkpointAllCuda } from "./checkpoint-all";
import { evaluateAll } from "./evaluate-budgets";
import { hibernateForBudget } from "./hibernate-for-budget";
import { enqueueBudgetAction, SPENDING_QUEUES } from "./queue";
import { runBudgetAction } from "./run-budget-action";

/**
 * Budgets that act: every minute (a periodic job) each user's month spend and machine limits are
 * evaluated, and each reached limit's action runs as a job of its own. Saving a budget or a limit
 * also evaluates at once (lib/spending/save-limits.ts), so a limit already passed acts immediately.
 */
export function startSpendingWorkers(): Promise<void> {
  return startWorkerGroup({
    name: "spending",
    queues: [{ name: SPENDING_QUEUES.action }],
    start: async ({ boss, db }) => {
      await startPeriodic(boss, {
        name: SPENDING_QUEUES.evaluate,
        everySeconds: BUDGET_EVALUATE_EVERY_S,
        run: async () => {
          await evaluateAll(db, new Date(), enqueueBudgetAction);
          // Actions whose worker died too often are failed with what to check; other lost ones
          // (queued too long, or running with a lapsed lease) are sent again.
          await failAbandonedActions(db, new Date(), MAX_ACTION_ATTEMPTS);
          for (const a of await staleQueuedActions(db, new Date(Date.now() - BUDGET_ACTION_RESEND_AFTER_MS)))
            await enqueueBudgetAction(a.id);
        },
      });
      await addHandler<{ actionId: string }>(boss, {
        queue: SPENDING_QUEUES.action,
        pollingIntervalSeconds: 1,
        run: (d) =>
          runBudgetAction(
            {
              db,
              enqueueStep: (id) => enqueueMachineStep(id),
              checkpointAll: checkpointAllCuda,
              hibernate: hibernateForBudget(db),
            },
            d.actionId,
          ),
      });
    },
  });
}
