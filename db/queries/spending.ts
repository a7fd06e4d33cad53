import "server-only";
import { isRecordId } from "@/lib/record-id";
import { and, asc, desc, eq, gt, gte, isNull, or, sql, type SQL } from "drizzle-orm";
import { costInRangeSql, intervalColumnsSql, intervalCostSql, type IntervalSql } from "@/lib/costing";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { userMachineRows } from "./user-rows";
import { LEASE_MS, LEASE_RENEW_MS } from "@/lib/deadlines";
import { leasedRecord } from "@/db/leased-record";
import {
  budgetActions,
  budgetAlerts,
  budgets,
  machineLimits,
  machines,
  usageIntervals,
  type BudgetActionKind,
  type BudgetActionStep,
} from "../schema";

// Spending: sums over the usage ledger in SQL (one pass, filtered by user and range, using the
// (user_id, started_at) and (user_id, ended_at) indexes), and the budget records. Every function
// takes the user's id and filters by it, except those marked "for jobs".

const DAY_MS = 86_400_000;

/** Raw results come back as an array (postgres.js) or as { rows } (PGlite). */
function rowsOf<T>(r: unknown): T[] {
  return (Array.isArray(r) ? r : ((r as { rows?: unknown[] }).rows ?? [])) as T[];
}
const num = (v: unknown): number => (v == null ? 0 : Number(v));

/**
 * Runs one aggregate with Postgres's JIT off. The planner guesses 1,000 rows per generate_series
 * call, so it prices the daily query in millions and spends over a second compiling it with LLVM
 * for what then runs in ~100 ms. SET LOCAL lasts only for this transaction.
 */
async function executeNoJit(db: Db, query: SQL): Promise<unknown> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return tx.execute(query);
  });
}

const IV: IntervalSql = { s: sql`s`, e: sql`e`, r: sql`r`, g: sql`g`, full: sql`full_cost` };

/**
 * The costed intervals matching `where`: s, e (end, or now for an open one) in epoch ms, r the
 * rate, g the granule, and full_cost the whole interval's granule-rounded cost (lib/costing.ts).
 */
function costedIntervals(where: SQL, now: Date): SQL {
  return sql`
    iv as (
      select machine_id, provider, ${intervalColumnsSql(now)}
      from usage_intervals
      where ${where}
    ),
    c as (
      select iv.*, ${intervalCostSql(IV)} as full_cost from iv
    )`;
}

/** The user's intervals overlapping [from, to). */
const overlapping = (userId: string, from: Date, to: Date): SQL =>
  sql`user_id = ${userId} and started_at < ${to.toISOString()}::timestamptz and (ended_at is null or ended_at > ${from.toISOString()}::timestamptz)`;

const msParam = (ms: number): SQL => sql`${ms}::bigint`;
/** Cost in [from, to) of each costed interval. */
const inRange = (from: Date, to: Date): SQL => costInRangeSql(IV, msParam(from.getTime()), msParam(to.getTime()));

export interface MachineCostRow {
  machineId: string;
  provider: string;
  /** One figure per named range, in the order given. */
  costs: number[];
}

/**
 * Cost per machine in each of `ranges`, in one pass over the intervals overlapping `outer` (which
 * must contain every range). The month summary is this with the month, today and the page's range.
 */
export async function costByMachine(
  db: Db,
  userId: string,
  outer: { from: Date; to: Date },
  ranges: { from: Date; to: Date }[],
  now: Date,
): Promise<MachineCostRow[]> {
  const cols = sql.join(
    ranges.map((r, i) => sql`sum(${inRange(r.from, r.to)}) as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const res = await executeNoJit(
    db,
    sql`with ${costedIntervals(overlapping(userId, outer.from, outer.to), now)} select machine_id, provider, ${cols} from c group by machine_id, provider`,
  );
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    machineId: String(r.machine_id),
    provider: String(r.provider),
    costs: ranges.map((_, i) => num(r[`c${i}`])),
  }));
}

const isMonthStart = (d: Date) => d.getTime() === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
/** Whether [from, to) is one or more whole UTC calendar months (the rollup's unit). */
export const isMonthAligned = (r: { from: Date; to: Date }): boolean =>
  r.from < r.to && isMonthStart(r.from) && isMonthStart(r.to);

/**
 * Cost per machine over whole UTC months: the closed intervals' rollup (usage_month_costs, kept by
 * triggers, see migration 0007) plus the open intervals costed up to `now`. The same figures as
 * costByMachine over those months, reading about a row per machine and month instead of every interval.
 */
export async function monthCostByMachine(
  db: Db,
  userId: string,
  month: { from: Date; to: Date },
  now: Date,
): Promise<{ machineId: string; provider: string; costMicros: number }[]> {
  if (!isMonthAligned(month)) throw new Error("monthCostByMachine takes whole UTC months");
  const res = await db.execute(sql`
    with ${costedIntervals(sql`user_id = ${userId} and ended_at is null and started_at < ${month.to.toISOString()}::timestamptz`, now)}
    select machine_id, provider, sum(cost) as cost from (
      select machine_id, provider, cost_micros as cost from usage_month_costs
      where user_id = ${userId} and month_start >= ${month.from.toISOString()}::timestamptz and month_start < ${month.to.toISOString()}::timestamptz
      union all
      select machine_id, provider, ${inRange(month.from, month.to)} from c
    ) x
    group by machine_id, provider`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    machineId: String(r.machine_id),
    provider: String(r.provider),
    costMicros: num(r.cost),
  }));
}

/**
 * The daily pieces (day_ms, provider, cost) of the intervals matching `where` within [from, to).
 * Most intervals lie within one day and are taken as they are; only those spanning days go
 * through generate_series, one row per day they touch.
 */
function dailyPieces(where: SQL, from: Date, to: Date, now: Date): { ctes: SQL; select: SQL } {
  const f = from.getTime();
  const t = to.getTime();
  const piece = (d: SQL) =>
    costInRangeSql(
      IV,
      sql`greatest(${d} * ${DAY_MS}::bigint, ${f}::bigint)`,
      sql`least((${d} + 1) * ${DAY_MS}::bigint, ${t}::bigint)`,
    );
  return {
    ctes: sql`${costedIntervals(where, now)},
    b as (
      select c.*, greatest(s, ${f}::bigint) / ${DAY_MS}::bigint as d0,
        (greatest(least(e, ${t}::bigint), greatest(s, ${f}::bigint) + 1) - 1) / ${DAY_MS}::bigint as d1
      from c
    )`,
    select: sql`
      select d0 * ${DAY_MS}::bigint as day_ms, provider, ${piece(sql`d0`)} as cost from b where d0 = d1
      union all
      select d * ${DAY_MS}::bigint, provider, ${piece(sql`d`)} from b cross join lateral generate_series(d0, d1) as d where d0 < d1`,
  };
}

type DailyRow = { dayMs: number; provider: string; costMicros: number };
const dailyRows = (res: unknown): DailyRow[] =>
  rowsOf<Record<string, unknown>>(res)
    .map((r) => ({ dayMs: num(r.day_ms), provider: String(r.provider), costMicros: num(r.cost) }))
    .filter((r) => r.costMicros !== 0);

/** Cost per UTC day and provider over [from, to), summed from every interval that overlaps it. */
export async function dailyCostFromIntervals(
  db: Db,
  userId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<DailyRow[]> {
  const p = dailyPieces(overlapping(userId, from, to), from, to, now);
  return dailyRows(
    await executeNoJit(
      db,
      sql`with ${p.ctes} select day_ms, provider, sum(cost) as cost from (${p.select}) x group by 1, 2 order by 1, 2`,
    ),
  );
}

/**
 * Cost per UTC day and provider over [from, to) (the chart's bars). For whole days: the closed
 * intervals' daily rollup (usage_day_costs, kept by triggers, migration 0008) plus the open
 * intervals; the same figures as dailyCostFromIntervals without reading a year of intervals.
 */
export async function dailyCostByProvider(
  db: Db,
  userId: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<DailyRow[]> {
  if (from.getTime() % DAY_MS !== 0 || to.getTime() % DAY_MS !== 0)
    return dailyCostFromIntervals(db, userId, from, to, now);
  const p = dailyPieces(sql`${overlapping(userId, from, to)} and ended_at is null`, from, to, now);
  const res = await executeNoJit(
    db,
    sql`
    with ${p.ctes}
    select day_ms, provider, sum(cost) as cost from (
      select (date_part('epoch', day) * 1000)::bigint as day_ms, provider, cost_micros as cost
      from usage_day_costs where user_id = ${userId} and day >= ${from.toISOString()}::timestamptz and day < ${to.toISOString()}::timestamptz
      union all
      ${p.select}
    ) x
    group by 1, 2 order by 1, 2`,
  );
  return dailyRows(res);
}

/** Runs a query of `machine_id, cost` rows over these machines (`ids`: their ids as SQL parameters). */
async function costPerMachine(db: Db, machineIds: string[], query: (ids: SQL) => SQL): Promise<Map<string, number>> {
  if (machineIds.length === 0) return new Map();
  const res = await db.execute(
    query(
      sql.join(
        machineIds.map((id) => sql`${id}`),
        sql`, `,
      ),
    ),
  );
  return new Map(rowsOf<Record<string, unknown>>(res).map((r) => [String(r.machine_id), num(r.cost)]));
}

/**
 * Each machine's whole cost so far (caps, truth checks, stopped machines), for a few machines: its
 * months in the rollup (a closed interval's month pieces add up to its full cost) plus its open
 * interval costed up to `now`.
 */
export async function lifetimeCostOf(
  db: Db,
  userId: string,
  machineIds: string[],
  now: Date,
): Promise<Map<string, number>> {
  return costPerMachine(
    db,
    machineIds,
    (ids) => sql`
    with ${costedIntervals(sql`user_id = ${userId} and machine_id in (${ids}) and ended_at is null`, now)}
    select machine_id, sum(cost) as cost from (
      select machine_id, cost_micros as cost from usage_month_costs where user_id = ${userId} and machine_id in (${ids})
      union all
      select machine_id, full_cost from c
    ) x
    group by machine_id`,
  );
}

/** lifetimeCostOf summed from every interval (what the rollup must equal). */
export async function lifetimeCostFromIntervals(
  db: Db,
  userId: string,
  machineIds: string[],
  now: Date,
): Promise<Map<string, number>> {
  return costPerMachine(
    db,
    machineIds,
    (ids) =>
      sql`with ${costedIntervals(sql`user_id = ${userId} and machine_id in (${ids})`, now)} select machine_id, sum(full_cost) as cost from c group by machine_id`,
  );
}

/** What bills right now: the open interval of each machine. */
export async function openIntervals(db: Db, userId: string) {
  return db
    .select({
      machineId: usageIntervals.machineId,
      provider: usageIntervals.provider,
      state: usageIntervals.state,
      ratePerHourMicros: usageIntervals.ratePerHourMicros,
      startedAt: usageIntervals.startedAt,
    })
    .from(usageIntervals)
    .where(and(eq(usageIntervals.userId, userId), isNull(usageIntervals.endedAt)));
}

/** Names and states of the user's machines, destroyed ones included (they still cost this month). */
export async function machineNames(db: Db, userId: string) {
  return db
    .select({
      id: machines.id,
      name: machines.name,
      provider: machines.provider,
      status: machines.status,
      sandbox: machines.sandbox,
      canStop: machines.canStop,
    })
    .from(machines)
    .where(eq(machines.userId, userId));
}

export interface IntervalPageRow {
  id: string;
  machineId: string;
  machineName: string;
  provider: string;
  state: string;
  ratePerHourMicros: number;
  granularity: string;
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * One page of the user's intervals in (started_at, id) order, after the keyset cursor: each page is
 * one index range scan, so the CSV of a million rows never holds more than a page in memory.
 */
export async function intervalPage(
  db: Db,
  userId: string,
  after: { startedAt: Date; id: string } | null,
  limit: number,
): Promise<IntervalPageRow[]> {
  const keyset = after
    ? or(
        gt(usageIntervals.startedAt, after.startedAt),
        and(eq(usageIntervals.startedAt, after.startedAt), gt(usageIntervals.id, after.id)),
      )
    : undefined;
  return db
    .select({
      id: usageIntervals.id,
      machineId: usageIntervals.machineId,
      machineName: machines.name,
      provider: usageIntervals.provider,
      state: usageIntervals.state,
      ratePerHourMicros: usageIntervals.ratePerHourMicros,
      granularity: usageIntervals.granularity,
      startedAt: usageIntervals.startedAt,
      endedAt: usageIntervals.endedAt,
    })
    .from(usageIntervals)
    .innerJoin(machines, and(eq(machines.id, usageIntervals.machineId), eq(machines.userId, userId)))
    .where(and(eq(usageIntervals.userId, userId), keyset))
    .orderBy(asc(usageIntervals.startedAt), asc(usageIntervals.id))
    .limit(limit);
}

// ---- Budgets and limits ----

export type BudgetRow = typeof budgets.$inferSelect;
export type MachineLimitRow = typeof machineLimits.$inferSelect;
export type BudgetAlertRow = typeof budgetAlerts.$inferSelect;
export type BudgetActionRow = typeof budgetActions.$inferSelect;

export async function getBudget(db: Db, userId: string): Promise<BudgetRow | null> {
  return firstOrNull(db.select().from(budgets).where(eq(budgets.userId, userId)));
}

export async function upsertBudget(
  db: Db,
  userId: string,
  amountMicros: number,
  action: BudgetActionKind,
  now: Date,
): Promise<void> {
  await db
    .insert(budgets)
    .values({ userId, amountMicros, action, updatedAt: now })
    .onConflictDoUpdate({ target: budgets.userId, set: { amountMicros, action, updatedAt: now } });
}

export async function deleteBudget(db: Db, userId: string): Promise<void> {
  await db.delete(budgets).where(eq(budgets.userId, userId));
}

export async function listLimits(db: Db, userId: string): Promise<MachineLimitRow[]> {
  return db.select().from(machineLimits).where(eq(machineLimits.userId, userId));
}

/** Sets a machine's limit; the machine must be the user's (checked by the caller, and by the where). */
export async function upsertLimit(
  db: Db,
  userId: string,
  machineId: string,
  v: { capMicros: number | null; endsAt: Date | null; action: BudgetActionKind },
  now: Date,
): Promise<void> {
  await db
    .insert(machineLimits)
    .values({ machineId, userId, ...v, updatedAt: now })
    .onConflictDoUpdate({
      target: machineLimits.machineId,
      set: { ...v, updatedAt: now },
      setWhere: eq(machineLimits.userId, userId),
    });
}

export async function deleteLimit(db: Db, userId: string, machineId: string): Promise<void> {
  // An id that cannot be ours (a NUL byte would make Postgres fail the query) deletes nothing.
  if (!isRecordId(machineId)) return;
  await db.delete(machineLimits).where(userMachineRows(machineLimits, userId, machineId));
}

/** Inserts the alert unless this threshold already fired in this period; null when it had. */
export async function insertAlertOnce(db: Db, row: typeof budgetAlerts.$inferInsert): Promise<BudgetAlertRow | null> {
  return firstOrNull(db.insert(budgetAlerts).values(row).onConflictDoNothing().returning());
}

export async function listAlerts(db: Db, userId: string, limit = 50): Promise<BudgetAlertRow[]> {
  return db
    .select()
    .from(budgetAlerts)
    .where(eq(budgetAlerts.userId, userId))
    .orderBy(desc(budgetAlerts.createdAt), desc(budgetAlerts.kind))
    .limit(limit);
}

export async function countUnreadAlerts(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(budgetAlerts)
    .where(and(eq(budgetAlerts.userId, userId), isNull(budgetAlerts.readAt)));
  return Number(row?.n ?? 0);
}

export async function markAlertsRead(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(budgetAlerts)
    .set({ readAt: now })
    .where(and(eq(budgetAlerts.userId, userId), isNull(budgetAlerts.readAt)));
}

export async function insertAction(db: Db, row: typeof budgetActions.$inferInsert): Promise<BudgetActionRow> {
  const [inserted] = await db.insert(budgetActions).values(row).returning();
  return inserted!;
}

export async function listActions(db: Db, userId: string, limit = 50): Promise<BudgetActionRow[]> {
  return db
    .select()
    .from(budgetActions)
    .where(eq(budgetActions.userId, userId))
    .orderBy(desc(budgetActions.createdAt), desc(budgetActions.id))
    .limit(limit);
}

// ---- For jobs: a job acts on the record named in its payload; the row carries its owner. ----

/** Users with a monthly budget or a machine limit: the evaluator's work list. */
export async function usersWithLimits(db: Db): Promise<string[]> {
  const rows = await db.execute(sql`select user_id from budgets union select user_id from machine_limits`);
  return rowsOf<{ user_id: string }>(rows).map((r) => r.user_id);
}

/**
 * A budget action is claimed from queued to running with a lease its worker renews. One whose
 * worker died (its lease lapsed) is taken again: a limit is the user's hard cap and must still
 * act. Each claim counts an attempt, and a finish is written whatever the sweep did meanwhile.
 */
export const budgetActionLease = leasedRecord({
  table: budgetActions,
  id: budgetActions.id,
  lease: budgetActions.leaseUntil,
  leaseMs: LEASE_MS,
  renewMs: LEASE_RENEW_MS,
  label: "budget action",
  status: {
    column: budgetActions.status,
    queued: "queued",
    running: "running",
    queuedSince: budgetActions.createdAt,
    retakeLapsed: true,
    finishOnlyActive: false,
  },
  startedAt: { column: budgetActions.startedAt, keepFirst: true },
  attempts: budgetActions.attempts,
});

/**
 * Takes an action for one run: a queued one, or a running one whose worker's lease lapsed (that
 * worker died). Null when another worker holds it or it is finished.
 */
export async function claimAction(db: Db, id: string, now: Date, leaseUntil: Date): Promise<BudgetActionRow | null> {
  return budgetActionLease.claim(db, id, now, leaseUntil);
}

export async function finishAction(
  db: Db,
  id: string,
  patch: { status: "done" | "failed"; steps: BudgetActionStep[]; error?: string | null; endedAt: Date },
): Promise<BudgetActionRow | null> {
  return budgetActionLease.finish(db, id, patch);
}

export async function saveActionSteps(db: Db, id: string, steps: BudgetActionStep[]): Promise<void> {
  await db.update(budgetActions).set({ steps }).where(eq(budgetActions.id, id));
}

/**
 * Actions whose job was lost: queued longer than `olderThan` ago (a process killed before it ran),
 * or running with a lapsed lease (killed while it ran). The evaluator sends them again.
 */
export async function staleQueuedActions(db: Db, olderThan: Date, now = new Date()): Promise<{ id: string }[]> {
  const rows = await budgetActionLease.needingWork(db, now, { queuedBefore: olderThan, limit: 100 });
  return rows.map((r) => ({ id: r.id }));
}

/** Running actions whose workers died `maxAttempts` times: failed with what to check by hand. */
export async function failAbandonedActions(db: Db, now: Date, maxAttempts: number): Promise<number> {
  const rows = await budgetActionLease.failLapsed(
    db,
    now,
    {
      status: "failed",
      endedAt: now,
      error: `The worker running this action stopped ${maxAttempts} times before it finished. Check the machine on its page: it may still be billing.`,
    },
    gte(budgetActions.attempts, maxAttempts),
  );
  return rows.length;
}
