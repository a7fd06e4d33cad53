import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { machines } from "./machines";
import { ownerId, users } from "./users";
import { at, createdAt } from "./columns";

export const BUDGET_ACTIONS = ["warn", "stop", "checkpoint_destroy", "hibernate"] as const;
export type BudgetActionKind = (typeof BUDGET_ACTIONS)[number];
export const ALERT_KINDS = ["80", "100", "end_time"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ACTION_STATUSES = ["queued", "running", "done", "failed"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** One monthly budget per user (UTC calendar month), in integer micro-dollars. */
export const budgets = pgTable("budgets", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  amountMicros: bigint("amount_micros", { mode: "number" }).notNull(),
  action: text("action").$type<BudgetActionKind>().notNull().default("warn"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** A limit on one machine: a spend cap over its whole life, an end time, or both. */
export const machineLimits = pgTable(
  "machine_limits",
  {
    machineId: text("machine_id")
      .primaryKey()
      .references(() => machines.id, { onDelete: "cascade" }),
    userId: ownerId(),
    capMicros: bigint("cap_micros", { mode: "number" }),
    endsAt: at("ends_at"),
    action: text("action").$type<BudgetActionKind>().notNull().default("warn"),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("machine_limits_user").on(t.userId)],
);

/**
 * Alerts kept for the user. `scope` is "budget" for the monthly budget or the machine id for a
 * machine limit (a non-null column, because a unique index treats NULLs as distinct): the unique
 * index is what makes each threshold fire once per period, even with two evaluators racing.
 */
export const budgetAlerts = pgTable(
  "budget_alerts",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    machineId: text("machine_id").references(() => machines.id, { onDelete: "set null" }),
    scope: text("scope").notNull(),
    kind: text("kind").$type<AlertKind>().notNull(),
    /** "2026-11" for the monthly budget; "life" for a machine cap or end time (a machine's whole life). */
    periodKey: text("period_key").notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
    readAt: at("read_at"),
  },
  (t) => [
    uniqueIndex("budget_alerts_once").on(t.userId, t.scope, t.kind, t.periodKey),
    index("budget_alerts_user_created").on(t.userId, t.createdAt),
  ],
);

export interface BudgetActionStep {
  at: string;
  message: string;
  outcome: "info" | "done" | "failed";
}

/** What a limit made us do: a job with its own record, shown on the Spending page. */
export const budgetActions = pgTable(
  "budget_actions",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    /** Null for a budget with nothing to act on (warn only, or no machine billing). */
    machineId: text("machine_id").references(() => machines.id, { onDelete: "set null" }),
    alertId: text("alert_id").references(() => budgetAlerts.id, { onDelete: "set null" }),
    action: text("action").$type<BudgetActionKind>().notNull(),
    status: text("status").$type<ActionStatus>().notNull().default("queued"),
    steps: jsonb("steps").$type<BudgetActionStep[]>().notNull().default([]),
    createdAt: createdAt(),
    startedAt: at("started_at"),
    endedAt: at("ended_at"),
    error: text("error"),
    /**
     * While running, the worker renews this lease (db/leased-record.ts). Past it the worker is
     * gone and the action is taken again: a limit is the user's hard cap, so it must not be dropped.
     */
    leaseUntil: at("lease_until"),
    /** How many times a worker took the action; past MAX_ACTION_ATTEMPTS it is failed, not retried. */
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [index("budget_actions_user_created").on(t.userId, t.createdAt), index("budget_actions_status").on(t.status)],
);

/**
 * What each machine's closed usage intervals cost in each UTC month: a rollup kept by triggers on
 * usage_intervals (migration 0007) in the same transaction as the interval's own write, whoever
 * writes it. The month summary and the budget evaluator read it plus the few open intervals,
 * instead of summing a month's tens of thousands of intervals on every read. No foreign keys: an
 * interval deleted with its user or machine subtracts itself, and a row left at zero is removed.
 */
export const usageMonthCosts = pgTable(
  "usage_month_costs",
  {
    userId: text("user_id").notNull(),
    monthStart: at("month_start").notNull(),
    machineId: text("machine_id").notNull(),
    provider: text("provider").notNull(),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.monthStart, t.machineId, t.provider] })],
);

/**
 * What the closed usage intervals cost on each UTC day, by provider: the spending chart's daily bars,
 * kept by triggers like usage_month_costs (migration 0008), so a year of bars reads a few thousand
 * rows instead of every interval in the year.
 */
export const usageDayCosts = pgTable(
  "usage_day_costs",
  {
    userId: text("user_id").notNull(),
    day: at("day").notNull(),
    provider: text("provider").notNull(),
    costMicros: bigint("cost_micros", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.provider] })],
);
