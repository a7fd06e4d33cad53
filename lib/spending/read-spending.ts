import "server-only";
import type { Db } from "@/db";
import { listMachines } from "@/db/queries/machines";
import {
  costByMachine,
  dailyCostByProvider,
  lifetimeCostOf,
  machineNames,
  monthCostByMachine,
  openIntervals,
} from "@/db/queries/spending";
import { toMachineDto, type MachineDto } from "@/lib/machines";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import { dailySeries, type DailySeries } from "./daily-series";
import { DAY_MS } from "@/lib/costing";
import { dayStartUtc, monthStartUtc, nextMonthStartUtc, thisMonth, type Range } from "./periods";
import { fetchProviderCharges, type ProviderCharge } from "./provider-charges";
import { buildSummary } from "./summary";
import type { SpendingSummaryDto } from "./summary-dto";
import { compareCost, type TruthCheck } from "./truth-check";

export const providerLabel = (p: string) =>
  isProviderSlug(p) ? PROVIDER_INFO[p].label : p === "byo" ? "Your own server" : p;

type CostMap = Map<string, { machineId: string; provider: string; cost: number }>;

/**
 * A range cut into its whole UTC months (read from the rollup) and the rest at either end (summed
 * from the intervals): a year's range reads a year of rollup rows and two partial months at most.
 */
export function splitAtMonths(r: Range): { months: Range | null; rest: Range[] } {
  const first = monthStartUtc(r.from).getTime() === r.from.getTime() ? r.from : nextMonthStartUtc(r.from);
  let end = first;
  while (nextMonthStartUtc(end) <= r.to) end = nextMonthStartUtc(end);
  if (end <= first) return { months: null, rest: [r] };
  const rest = [
    { from: r.from, to: first },
    { from: end, to: r.to },
  ].filter((x) => x.from < x.to);
  return { months: { from: first, to: end }, rest };
}

/** Cost per machine ("machineId|provider") in one range: whole months from the rollup, the rest from the intervals. */
async function costIn(db: Db, userId: string, r: Range, now: Date): Promise<CostMap> {
  const { months, rest } = splitAtMonths(r);
  const parts = await Promise.all([
    months
      ? monthCostByMachine(db, userId, months, now).then((rows) =>
          rows.map((x) => ({ machineId: x.machineId, provider: x.provider, cost: x.costMicros })),
        )
      : [],
    ...rest.map((x) =>
      costByMachine(db, userId, x, [x], now).then((rows) =>
        rows.map((y) => ({ machineId: y.machineId, provider: y.provider, cost: y.costs[0]! })),
      ),
    ),
  ]);
  const out: CostMap = new Map();
  for (const x of parts.flat()) {
    const k = `${x.machineId}|${x.provider}`;
    const had = out.get(k);
    out.set(k, had ? { ...had, cost: had.cost + x.cost } : x);
  }
  return out;
}

/**
 * The month summary (today, month so far, burn rate, projection) and the range's cost by provider
 * and by machine, for one user: whole months from the rollup, today and partial months from the
 * intervals that overlap them, side by side.
 */
export async function getSpendingSummary(db: Db, userId: string, range: Range, now: Date): Promise<SpendingSummaryDto> {
  const month = thisMonth(now);
  const today = { from: dayStartUtc(now), to: new Date(dayStartUtc(now).getTime() + DAY_MS) };
  // The page's default range is the month itself: then one sum serves both.
  const sameAsMonth = range.from.getTime() === month.from.getTime() && range.to.getTime() === month.to.getTime();
  const [inMonth, inToday, inRange, open, names] = await Promise.all([
    costIn(db, userId, month, now),
    costIn(db, userId, today, now),
    sameAsMonth ? null : costIn(db, userId, range, now),
    openIntervals(db, userId),
    machineNames(db, userId),
  ]);
  const keys = new Set([...inMonth.keys(), ...inToday.keys(), ...(inRange?.keys() ?? [])]);
  const rows = [...keys].map((k) => {
    const any = inMonth.get(k) ?? inToday.get(k) ?? inRange!.get(k)!;
    const monthMicros = inMonth.get(k)?.cost ?? 0;
    return {
      machineId: any.machineId,
      provider: any.provider,
      monthMicros,
      todayMicros: inToday.get(k)?.cost ?? 0,
      rangeMicros: inRange ? (inRange.get(k)?.cost ?? 0) : monthMicros,
    };
  });
  const summary = buildSummary(rows, open, now);
  const machines = Object.fromEntries(
    names.map((m) => [
      m.id,
      { name: m.name, provider: m.provider, providerLabel: providerLabel(m.provider), status: m.status },
    ]),
  );
  const providers = Object.fromEntries(summary.byProvider.map((g) => [g.key, providerLabel(g.key)]));
  return {
    ...summary,
    now: now.toISOString(),
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    month: { from: month.from.toISOString(), to: month.to.toISOString() },
    machines,
    providers,
  };
}

/** At most this many stopped machines are listed one by one (with the destroy button). */
export const STOPPED_LISTED = 25;

export interface StoppedBillingDto {
  machine: MachineDto;
  perDayMicros: number;
  stoppedSince: string | null;
}

export interface SpendingPageData {
  summary: SpendingSummaryDto;
  daily: DailySeries;
  stoppedBilling: StoppedBillingDto[];
  /** Stopped machines past the listed ones: how many, and what they bill per day together. */
  stoppedRest: { count: number; perDayMicros: number };
  truth: TruthCheck[];
}

/**
 * Everything the Spending page shows about money (the budget records are read beside it): the
 * summary, the daily series for the range, stopped machines that still bill, and truth checks
 * against the providers' own figures where they report any.
 */
export async function getSpendingPage(
  db: Db,
  userId: string,
  range: Range,
  now: Date,
  opts: { charges?: () => Promise<Map<string, ProviderCharge>> } = {},
): Promise<SpendingPageData> {
  const [summary, dailyRows, live, charges] = await Promise.all([
    getSpendingSummary(db, userId, range, now),
    dailyCostByProvider(db, userId, range.from, range.to, now),
    listMachines(db, userId),
    (opts.charges ?? fetchProviderCharges)(),
  ]);
  const open = new Map((await openIntervals(db, userId)).map((o) => [o.machineId, o]));
  const perDay = (id: string) => (open.get(id)?.ratePerHourMicros ?? 0) * 24;
  // The costliest first; past STOPPED_LISTED the page sums the rest in one line (their whole-life
  // cost would mean reading every interval they ever had).
  const stoppedAll = live
    .filter((m) => m.status === "stopped" && perDay(m.id) > 0)
    .sort((a, b) => perDay(b.id) - perDay(a.id));
  const stopped = stoppedAll.slice(0, STOPPED_LISTED);
  const stoppedRest = {
    count: stoppedAll.length - stopped.length,
    perDayMicros: stoppedAll.slice(STOPPED_LISTED).reduce((t, m) => t + perDay(m.id), 0),
  };
  // Truth checks only for machines of this user that the provider reports (never others' lines).
  const checked = [
    ...new Set([...Object.keys(summary.machines).filter((id) => charges.has(id)), ...stopped.map((m) => m.id)]),
  ];
  const life = await lifetimeCostOf(db, userId, checked, now);
  const stoppedBilling = stopped.map((m) => {
    const o = open.get(m.id);
    const dto = {
      ...toMachineDto(m, [], now),
      costSoFarMicros: life.get(m.id) ?? 0,
      rateNowMicros: o?.ratePerHourMicros ?? 0,
    };
    return { machine: dto, perDayMicros: perDay(m.id), stoppedSince: o?.startedAt.toISOString() ?? null };
  });
  const truth = checked
    .filter((id) => charges.has(id))
    .map((id) => compareCost(id, life.get(id) ?? 0, charges.get(id)));
  return { summary, daily: dailySeries(dailyRows, range), stoppedBilling, stoppedRest, truth };
}
