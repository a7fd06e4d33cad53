import { sql, type SQL } from "drizzle-orm";

// What a billed interval costs, in integer micro-dollars: rate × duration, the duration rounded up to
// the provider's billing granularity (a Lambda minute started is a minute billed), the product
// rounded up to a whole micro-dollar. Each formula is written here twice, in TypeScript and as the
// SQL fragment db/queries/spending.ts builds its sums from; costing-sql.test.ts runs both (and the
// functions migrations 0007 and 0008 keep the rollups with) over the same cases, on PGlite and Postgres.
//
// How an interval's cost is spread over time, so that days and months add up to it exactly: A(t),
// the cost attributed up to t, is ceil(rate × (t − start) / 1 h) inside the interval and the full
// rounded cost from its end on, so the granule rounding lands on the day the interval ends. A piece
// [from, to) costs A(to) − A(from); the pieces telescope, so no micro-dollar is lost or counted twice.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type Granularity = "second" | "minute" | "hour";

export const GRANULE_MS: Record<Granularity, number> = { second: 1_000, minute: 60_000, hour: HOUR_MS };

/** The granule of a stored granularity; anything unknown bills per second. */
export const granuleMs = (g: string): number => GRANULE_MS[g as Granularity] ?? GRANULE_MS.second;

/** Billed duration in ms: at least one granule once anything started, rounded up to whole granules. */
export function billedMs(durationMs: number, granularity: string): number {
  if (durationMs <= 0) return 0;
  const g = granuleMs(granularity);
  return Math.ceil(durationMs / g) * g;
}

/** ceil(rate × ms / 1 h): `ratePerHourMicros` billed for `ms`, in whole micro-dollars (BigInt keeps it exact). */
export function costOfRate(ratePerHourMicros: number, ms: number): number {
  if (ms <= 0) return 0;
  const den = BigInt(HOUR_MS);
  return Number((BigInt(ratePerHourMicros) * BigInt(Math.ceil(ms)) + den - 1n) / den);
}

/** Cost of `ratePerHourMicros` over [startMs, endMs), the duration granule-rounded. */
export function intervalCostMicros(
  ratePerHourMicros: number,
  startMs: number,
  endMs: number,
  granularity: string,
): number {
  return costOfRate(ratePerHourMicros, billedMs(endMs - startMs, granularity));
}

export interface CostedInterval {
  ratePerHourMicros: number;
  granularity: string;
  startedAt: Date;
  /** Null while it bills: costed up to now. */
  endedAt: Date | null;
}

/** The whole interval's cost up to `nowMs` (an open interval ends now). */
export function fullCost(i: CostedInterval, nowMs: number): number {
  return intervalCostMicros(i.ratePerHourMicros, i.startedAt.getTime(), i.endedAt?.getTime() ?? nowMs, i.granularity);
}

/** A(t): the part of the interval's cost attributed to time before `tMs`. */
export function attributedUpTo(i: CostedInterval, tMs: number, nowMs: number): number {
  const s = i.startedAt.getTime();
  const e = i.endedAt?.getTime() ?? nowMs;
  if (tMs >= e) return fullCost(i, nowMs);
  if (tMs <= s) return 0;
  return costOfRate(i.ratePerHourMicros, tMs - s);
}

/** The interval's cost that falls in [fromMs, toMs). */
export function costInRange(i: CostedInterval, fromMs: number, toMs: number, nowMs: number): number {
  if (toMs <= fromMs) return 0;
  return attributedUpTo(i, toMs, nowMs) - attributedUpTo(i, fromMs, nowMs);
}

/** The interval's cost per UTC day within [fromMs, toMs); days with nothing are left out. */
export function splitByDay(
  i: CostedInterval,
  fromMs: number,
  toMs: number,
  nowMs: number,
): { dayMs: number; costMicros: number }[] {
  const s = Math.max(i.startedAt.getTime(), fromMs);
  const e = Math.min(i.endedAt?.getTime() ?? nowMs, toMs);
  const out: { dayMs: number; costMicros: number }[] = [];
  if (e < s) return out;
  // The last day is the one holding the interval's end (where the rounding lands), within the range.
  const lastDay = Math.floor((Math.max(e, s + 1) - 1) / DAY_MS) * DAY_MS;
  for (let d = Math.floor(s / DAY_MS) * DAY_MS; d <= lastDay; d += DAY_MS) {
    const c = costInRange(i, Math.max(d, fromMs), Math.min(d + DAY_MS, toMs), nowMs);
    if (c !== 0) out.push({ dayMs: d, costMicros: c });
  }
  return out;
}

/** The interval's cost per UTC month ("2026-11") within [fromMs, toMs). */
export function splitByMonth(i: CostedInterval, fromMs: number, toMs: number, nowMs: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const { dayMs, costMicros } of splitByDay(i, fromMs, toMs, nowMs)) {
    const k = new Date(dayMs).toISOString().slice(0, 7);
    out.set(k, (out.get(k) ?? 0) + costMicros);
  }
  return out;
}

/** Cost so far of a machine's intervals (an open one costed up to `now`). */
export function costSoFar(intervals: CostedInterval[], now: Date): number {
  return intervals.reduce((sum, i) => sum + fullCost(i, now.getTime()), 0);
}

/** The hourly rate billing right now: the open interval's, or 0. */
export function rateNow(intervals: Pick<CostedInterval, "ratePerHourMicros" | "endedAt">[]): number {
  return intervals.find((i) => i.endedAt === null)?.ratePerHourMicros ?? 0;
}

// ---- The same in SQL, all bigint. ----

/** A timestamptz as epoch ms: exact through float8 for the whole-millisecond timestamps the app writes (the cast rounds). */
export const epochMsSql = (ts: SQL): SQL => sql`(date_part('epoch', ${ts}) * 1000)::bigint`;

/** granuleMs in SQL. */
export const granuleMsSql = (granularity: SQL): SQL =>
  sql`(case ${granularity} when 'minute' then ${sql.raw(String(GRANULE_MS.minute))}::bigint when 'hour' then ${sql.raw(String(GRANULE_MS.hour))}::bigint else ${sql.raw(String(GRANULE_MS.second))}::bigint end)`;

/**
 * costOfRate for ms ≥ 0, without overflow: r × whole hours plus the rounded-up rest (r × (ms mod 1 h)
 * stays below 2^63 for any rate under $2.5M an hour).
 */
export const costOfRateSql = (r: SQL, ms: SQL): SQL =>
  sql`(${r} * ((${ms}) / 3600000) + (${r} * ((${ms}) % 3600000) + 3599999) / 3600000)`;

/** An interval in SQL: epoch-ms start s and end e, rate r, granule g, and (when already computed) its full cost. */
export interface IntervalSql {
  s: SQL;
  e: SQL;
  r: SQL;
  g: SQL;
  full?: SQL;
}

/** The columns s, e, r, g of a usage_intervals row, an open interval ending at `now`. */
export const intervalColumnsSql = (now: Date): SQL =>
  sql`rate_per_hour_micros as r, ${epochMsSql(sql`started_at`)} as s, ${epochMsSql(sql`coalesce(ended_at, ${now.toISOString()}::timestamptz)`)} as e, ${granuleMsSql(sql`granularity`)} as g`;

/** intervalCostMicros in SQL. */
export const intervalCostSql = (iv: IntervalSql): SQL =>
  sql`(case when ${iv.e} > ${iv.s} then ${costOfRateSql(iv.r, sql`((${iv.e} - ${iv.s} + ${iv.g} - 1) / ${iv.g}) * ${iv.g}`)} else 0 end)`;

/** attributedUpTo in SQL, `t` a bigint epoch ms. */
export const attributedSql = (iv: IntervalSql, t: SQL): SQL =>
  sql`(case when (${t}) >= ${iv.e} then ${iv.full ?? intervalCostSql(iv)} when (${t}) <= ${iv.s} then 0 else ${costOfRateSql(iv.r, sql`(${t}) - ${iv.s}`)} end)`;

/** costInRange in SQL for from ≤ to (bigint epoch ms); an interval wholly inside (most of them) is its full cost, with no arithmetic. */
export const costInRangeSql = (iv: IntervalSql, from: SQL, to: SQL): SQL =>
  sql`(case when ${iv.s} >= (${from}) and ${iv.e} <= (${to}) then ${iv.full ?? intervalCostSql(iv)} else ${attributedSql(iv, to)} - ${attributedSql(iv, from)} end)`;
