import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import {
  attributedUpTo,
  costInRange,
  costOfRate,
  costInRangeSql,
  attributedSql,
  fullCost,
  intervalColumnsSql,
  intervalCostSql,
  splitByDay,
  splitByMonth,
  type CostedInterval,
  type IntervalSql,
} from "./costing";

// The costing formulas exist in TypeScript (the API, the CSV, the machine pages) and in SQL (the
// spending sums of db/queries/spending.ts, and the functions migrations 0007 and 0008 keep the month
// and day rollups with). Each case below is costed by all of them and must come out the same to the
// micro-dollar, at every probe point in and around the interval.

const H = 3_600_000;
const DAY = 86_400_000;
const NOW = new Date("2026-11-20T12:00:00.000Z");

interface Case extends CostedInterval {
  name: string;
}
const c = (name: string, ratePerHourMicros: number, granularity: string, start: string, end: string | null): Case => ({
  name,
  ratePerHourMicros,
  granularity,
  startedAt: new Date(start),
  endedAt: end ? new Date(end) : null,
});

const CASES: Case[] = [
  c("zero-length", 2_400_000, "second", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"),
  c("zero-length per hour", 2_400_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"),
  c("ended before it started", 2_400_000, "second", "2026-11-01T00:00:01Z", "2026-11-01T00:00:00Z"),
  c("one ms per second", 2_400_000, "second", "2026-11-01T00:00:00.000Z", "2026-11-01T00:00:00.001Z"),
  c("sub-minute per second, odd ms", 2_400_000, "second", "2026-11-01T00:00:00Z", "2026-11-01T00:01:30.500Z"),
  c("61 s per minute", 2_400_000, "minute", "2026-11-01T00:00:00Z", "2026-11-01T00:01:01Z"),
  c("one second per hour", 2_400_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:00:01Z"),
  c("sub-hour per hour", 2_250_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:10:00Z"),
  c("exact hours per second", 2_000_000, "second", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z"),
  c("exact hours per minute", 2_000_000, "minute", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z"),
  c("exact hours per hour", 2_000_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T03:00:00Z"),
  c("an hour and a ms per hour", 2_000_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00.001Z"),
  c("running rate", 2_250_000, "second", "2026-11-01T00:00:00Z", "2026-11-01T02:00:00Z"),
  c("stopped rate", 225_000, "second", "2026-11-01T02:00:00Z", "2026-11-02T00:00:00Z"),
  c("nothing billed while stopped", 0, "second", "2026-11-01T02:00:00Z", "2026-11-02T00:00:00Z"),
  c("a fraction of a micro-dollar", 1, "second", "2026-11-01T00:00:00Z", "2026-11-01T00:00:01Z"),
  c("unknown granularity bills per second", 2_400_000, "fortnight", "2026-11-01T00:00:00Z", "2026-11-01T00:01:30.500Z"),
  c("awkward rate over days per minute", 1_234_567, "minute", "2026-11-02T18:52:48.500Z", "2026-11-06T00:00:00Z"),
  c("across a month boundary", 3_600_000, "second", "2026-10-31T22:00:00Z", "2026-11-01T02:00:00.500Z"),
  c("Lambda for two days per minute", 1_290_000, "minute", "2026-11-03T10:00:30Z", "2026-11-05T10:01:00Z"),
  c("a year at $98/h", 98_000_000, "second", "2025-11-01T00:00:00Z", "2026-11-01T00:00:00Z"),
  c("$2M/h, just under 4 h per hour", 2_000_000_000_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T03:59:59.999Z"),
  c("open, costed up to now", 777_777, "second", "2026-11-19T00:00:00.123Z", null),
  c("open per hour", 2_400_000, "hour", "2026-11-20T11:30:00Z", null),
];

/** Times in and around an interval: before, at and just after its start, inside, at and just after its end, a day after. */
function probes(i: Case): number[] {
  const s = i.startedAt.getTime();
  const e = i.endedAt?.getTime() ?? NOW.getTime();
  const inside = s + Math.floor(Math.max(0, e - s) / 3);
  // 3 h 59 min 59.999 s in: r × (ms mod 1 h) is at its largest, the overflow the SQL splits around.
  const nearHour = s + 3 * H + H - 1;
  return [
    ...new Set([s - DAY, s - 1, s, s + 1, inside, nearHour, e - 1, e, e + 1, Math.floor(e / DAY) * DAY, e + DAY]),
  ].sort((a, b) => a - b);
}

const rowsOf = (r: unknown) =>
  (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? [])) as Record<string, unknown>[];
const n = (v: unknown) => Number(v);

/** The cases as a table with usage_intervals' column names, so the fragments read them as they read the ledger. */
function casesTable(extra: (i: Case) => [number, number][]): SQL {
  const rows: SQL[] = [];
  CASES.forEach((i, k) => {
    for (const [lo, hi] of extra(i))
      rows.push(
        sql`(${k}::int, ${i.startedAt.toISOString()}::timestamptz, ${i.endedAt?.toISOString() ?? null}::timestamptz, ${i.ratePerHourMicros}::bigint, ${i.granularity}::text, ${lo}::bigint, ${hi}::bigint)`,
      );
  });
  return sql`(values ${sql.join(rows, sql`, `)}) as x(k, started_at, ended_at, rate_per_hour_micros, granularity, lo, hi)`;
}

const IV: IntervalSql = { s: sql`s`, e: sql`e`, r: sql`r`, g: sql`g`, full: sql`full_cost` };

describe.each(await availableDrivers())("costing: TypeScript and SQL agree on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(driver);
  });
  afterAll(async () => t?.dispose());

  it("on the interval's bounds and full cost, A(t), and the cost in every range between probe points", async () => {
    const pairs = (i: Case) => {
      const p = probes(i);
      return p.flatMap((lo, a) => p.slice(a).map((hi) => [lo, hi] as [number, number]));
    };
    const res = await t.db.execute(sql`
      with iv as (select k, lo, hi, ${intervalColumnsSql(NOW)} from ${casesTable(pairs)}),
      c as (select iv.*, ${intervalCostSql(IV)} as full_cost from iv)
      select k, lo, hi, s, e, full_cost,
        ${attributedSql({ ...IV, full: undefined }, sql`lo`)} as a_lo,
        ${attributedSql(IV, sql`hi`)} as a_hi,
        ${costInRangeSql(IV, sql`lo`, sql`hi`)} as in_range,
        usage_cost_between(s, e, r, g, lo, hi) as migration_in_range,
        case when hi > s then usage_hour_ceil(r, hi - s) end as migration_hour_ceil
      from c order by k, lo, hi`);
    const rows = rowsOf(res);
    expect(rows.length).toBe(CASES.reduce((sum, i) => sum + pairs(i).length, 0));
    const now = NOW.getTime();
    for (const r of rows) {
      const i = CASES[n(r.k)]!;
      const [lo, hi] = [n(r.lo), n(r.hi)];
      const at = `${i.name} [${new Date(lo).toISOString()}, ${new Date(hi).toISOString()})`;
      const full = fullCost(i, now);
      const inRange = costInRange(i, lo, hi, now);
      expect({ s: n(r.s), e: n(r.e) }, at).toEqual({ s: i.startedAt.getTime(), e: i.endedAt?.getTime() ?? now });
      expect(n(r.full_cost), at).toBe(full);
      expect(n(r.a_lo), at).toBe(attributedUpTo(i, lo, now));
      expect(n(r.a_hi), at).toBe(attributedUpTo(i, hi, now));
      expect(n(r.in_range), at).toBe(inRange);
      expect(n(r.migration_in_range), at).toBe(inRange);
      if (r.migration_hour_ceil != null)
        expect(n(r.migration_hour_ceil), at).toBe(costOfRate(i.ratePerHourMicros, hi - i.startedAt.getTime()));
    }
  });

  it("on a closed interval's day and month pieces (the rollups' migration functions)", async () => {
    const closed = (i: Case): [number, number][] => (i.endedAt ? [[0, 0]] : []);
    const days = rowsOf(
      await t.db.execute(
        sql`select k, (date_part('epoch', p.day) * 1000)::bigint as day_ms, p.cost from ${casesTable(closed)} cross join lateral usage_day_pieces(started_at, ended_at, rate_per_hour_micros, granularity) p where p.cost <> 0 order by k, day_ms`,
      ),
    );
    const months = rowsOf(
      await t.db.execute(
        sql`select k, to_char(p.month_start at time zone 'UTC', 'YYYY-MM') as month, p.cost from ${casesTable(closed)} cross join lateral usage_month_pieces(started_at, ended_at, rate_per_hour_micros, granularity) p where p.cost <> 0 order by k, month`,
      ),
    );
    CASES.forEach((i, k) => {
      if (!i.endedAt) return;
      const all = [-100 * 365 * DAY, 100 * 365 * DAY] as const;
      expect(
        days.filter((r) => n(r.k) === k).map((r) => ({ dayMs: n(r.day_ms), costMicros: n(r.cost) })),
        i.name,
      ).toEqual(splitByDay(i, ...all, NOW.getTime()));
      expect(new Map(months.filter((r) => n(r.k) === k).map((r) => [String(r.month), n(r.cost)])), i.name).toEqual(
        splitByMonth(i, ...all, NOW.getTime()),
      );
    });
  });
});
