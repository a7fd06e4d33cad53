import "server-only";
import type { Db } from "@/db";
import { listMachines } from "@/db/queries/machines";
import {
  getBudget,
  insertAction,
  insertAlertOnce,
  lifetimeCostOf,
  listLimits,
  machineNames,
  monthCostByMachine,
  usersWithLimits,
  type BudgetActionRow,
  type BudgetAlertRow,
} from "@/db/queries/spending";
import type { BudgetActionKind, BudgetActionStep } from "@/db/schema/spending";
import { budgetAlertMessage, crossedThresholds, machineAlert } from "./budget-rules";
import { periodKey, thisMonth } from "./periods";

export type EnqueueAction = (actionId: string) => Promise<void>;

export interface Evaluation {
  alerts: BudgetAlertRow[];
  actions: BudgetActionRow[];
}

const step = (now: Date, message: string, outcome: BudgetActionStep["outcome"] = "info"): BudgetActionStep => ({
  at: now.toISOString(),
  message,
  outcome,
});

/**
 * The action records for one limit that was reached. Warn is done at once; stop and
 * checkpoint-then-destroy become one queued record per machine, each run by its own job.
 */
async function recordActions(
  db: Db,
  userId: string,
  alert: BudgetAlertRow,
  action: BudgetActionKind,
  machineIds: string[],
  now: Date,
): Promise<BudgetActionRow[]> {
  if (action === "warn" || machineIds.length === 0) {
    const why =
      action === "warn" ? "Warned only, as chosen: nothing was stopped." : "Nothing to act on: no machine was billing.";
    return [
      await insertAction(db, {
        id: crypto.randomUUID(),
        userId,
        machineId: alert.machineId,
        alertId: alert.id,
        action,
        status: "done",
        steps: [step(now, `${alert.message} ${why}`, "done")],
        createdAt: now,
        startedAt: now,
        endedAt: now,
      }),
    ];
  }
  const out: BudgetActionRow[] = [];
  for (const machineId of machineIds)
    out.push(
      await insertAction(db, {
        id: crypto.randomUUID(),
        userId,
        machineId,
        alertId: alert.id,
        action,
        status: "queued",
        steps: [step(now, alert.message)],
        createdAt: now,
      }),
    );
  return out;
}

/**
 * Checks one user's monthly budget and machine limits at `now`: each threshold alerts once per
 * period (the unique index decides, so two evaluators cannot both fire it), and reaching a limit
 * records its action. Queued actions are handed to `enqueue` after they are written.
 */
export async function evaluateUser(db: Db, userId: string, now: Date, enqueue: EnqueueAction): Promise<Evaluation> {
  const result: Evaluation = { alerts: [], actions: [] };
  const [budget, limits] = await Promise.all([getBudget(db, userId), listLimits(db, userId)]);

  if (budget) {
    const month = thisMonth(now);
    const spent = (await monthCostByMachine(db, userId, month, now)).reduce((s, r) => s + r.costMicros, 0);
    const period = periodKey(now);
    for (const kind of crossedThresholds(spent, budget.amountMicros)) {
      const alert = await insertAlertOnce(db, {
        id: crypto.randomUUID(),
        userId,
        machineId: null,
        scope: "budget",
        kind,
        periodKey: period,
        message: budgetAlertMessage(kind, spent, budget.amountMicros, period),
        createdAt: now,
      });
      if (!alert) continue;
      result.alerts.push(alert);
      if (kind !== "100") continue;
      // Stop acts on running machines; checkpoint-then-destroy also ends what stopped ones bill.
      const live = await listMachines(db, userId);
      const targets = live
        .filter(
          (m) =>
            m.status === "running" ||
            ((budget.action === "checkpoint_destroy" || budget.action === "hibernate") && m.status === "stopped"),
        )
        .map((m) => m.id);
      result.actions.push(...(await recordActions(db, userId, alert, budget.action, targets, now)));
    }
  }

  if (limits.length) {
    const names = new Map((await machineNames(db, userId)).map((m) => [m.id, m]));
    const active = limits.filter((l) => {
      const m = names.get(l.machineId);
      return m && m.status !== "destroyed" && m.status !== "failed";
    });
    const costs = await lifetimeCostOf(
      db,
      userId,
      active.map((l) => l.machineId),
      now,
    );
    for (const l of active) {
      const m = names.get(l.machineId)!;
      for (const a of machineAlert(m.name, l, costs.get(l.machineId) ?? 0, now)) {
        const alert = await insertAlertOnce(db, {
          id: crypto.randomUUID(),
          userId,
          machineId: l.machineId,
          scope: l.machineId,
          kind: a.kind,
          periodKey: "life",
          message: a.message,
          createdAt: now,
        });
        if (!alert) continue;
        result.alerts.push(alert);
        if (a.kind === "80") continue;
        result.actions.push(...(await recordActions(db, userId, alert, l.action, [l.machineId], now)));
      }
    }
  }

  for (const a of result.actions)
    if (a.status === "queued")
      await enqueue(a.id).catch((e) => console.error("[spending:enqueue]", e instanceof Error ? e.message : e));
  return result;
}

/** Job side: every user with a budget or a limit; one user's failure does not stop the others. */
export async function evaluateAll(
  db: Db,
  now: Date,
  enqueue: EnqueueAction,
): Promise<{ users: number; alerts: number; actions: number }> {
  let alerts = 0;
  let actions = 0;
  const ids = await usersWithLimits(db);
  for (const userId of ids) {
    try {
      const r = await evaluateUser(db, userId, now, enqueue);
      alerts += r.alerts.length;
      actions += r.actions.length;
    } catch (e) {
      console.error("[spending:evaluate]", userId, e instanceof Error ? e.message : e);
    }
  }
  return { users: ids.length, alerts, actions };
}
