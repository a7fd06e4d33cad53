import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import {
  costByMachine,
  dailyCostByProvider,
  dailyCostFromIntervals,
  lifetimeCostFromIntervals,
  lifetimeCostOf,
  monthCostByMachine,
} from "@/db/queries/spending";
import { machines, usageIntervals, users } from "@/db/schema";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { getSpendingSummary, splitAtMonths } from "./read-spending";

// The month and day rollups (usage_month_costs, usage_day_costs, kept by triggers on
// usage_intervals) must give the same micro-dollars as summing the raw intervals, however the ledger
// is written: single and bulk inserts, intervals closed one by one and in bulk, spanning several
// months, every granularity, deleted with their machine. A deterministic pseudo-random ledger,
// checked month by month, day by day, machine by machine, and over ranges that cut months.

const rows = (r: unknown) =>
  (Array.isArray(r) ? r : ((r as { rows: unknown[] }).rows ?? [])) as Record<string, unknown>[];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe.each(await availableDrivers())("month rollup on %s", (driver) => {
  let t: TestDb;
  const user = crypto.randomUUID();
  const other = crypto.randomUUID();
  const providers = ["tensordock", "lambda", "hostkey"];
  const granularities = ["second", "minute", "hour"];
  const machineIds = Array.from({ length: 6 }, (_, i) => `m-${i}-${crypto.randomUUID().slice(0, 8)}`);
  const now = new Date("2026-12-10T12:34:56.789Z");
  const months = ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"].map((m) => {
    const from = new Date(`${m}-01T00:00:00.000Z`);
    return { from, to: new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)) };
  });

  beforeAll(async () => {
    t = await openTestDb(driver);
    for (const id of [user, other])
      await t.db.insert(users).values({ id, email: `${id}@example.com`, passwordHash: "x" });
    for (const [i, id] of machineIds.entries())
      await t.db.insert(machines).values({
        id,
        userId: i === 5 ? other : user,
        name: id,
        provider: providers[i % 3]!,
        gpuModel: "RTX 4090",
        status: "running",
        pricePerHourMicros: 700_000,
        billingGranularity: granularities[i % 3]!,
      } as typeof machines.$inferInsert);
  });
  afterAll(async () => t?.dispose());

  const rawCost = async (who: string, r: { from: Date; to: Date }) =>
    new Map(
      (await costByMachine(t.db, who, r, [r], now))
        .map((x) => [`${x.machineId}|${x.provider}`, x.costs[0]!] as const)
        .filter(([, c]) => c !== 0),
    );
  const expectSameAsRaw = async (who: string) => {
    for (const month of months) {
      const rolled = (await monthCostByMachine(t.db, who, month, now))
        .map((r) => [`${r.machineId}|${r.provider}`, r.costMicros] as const)
        .filter(([, c]) => c !== 0);
      expect(new Map(rolled), `${who} ${month.from.toISOString()}`).toEqual(await rawCost(who, month));
    }
    // Several months at once, and every day of them by provider.
    const all = { from: months[0]!.from, to: months.at(-1)!.to };
    const rolledAll = (await monthCostByMachine(t.db, who, all, now))
      .map((r) => [`${r.machineId}|${r.provider}`, r.costMicros] as const)
      .filter(([, c]) => c !== 0);
    expect(new Map(rolledAll)).toEqual(await rawCost(who, all));
    expect(await dailyCostByProvider(t.db, who, all.from, all.to, now)).toEqual(
      await dailyCostFromIntervals(t.db, who, all.from, all.to, now),
    );
    const oneDay = { from: new Date("2026-10-17T00:00:00Z"), to: new Date("2026-10-18T00:00:00Z") };
    expect(await dailyCostByProvider(t.db, who, oneDay.from, oneDay.to, now)).toEqual(
      await dailyCostFromIntervals(t.db, who, oneDay.from, oneDay.to, now),
    );
    // Whole lives.
    expect(await lifetimeCostOf(t.db, who, machineIds, now)).toEqual(
      await lifetimeCostFromIntervals(t.db, who, machineIds, now),
    );
    // A range that cuts months at both ends: whole months from the rollup, the ends from the intervals.
    const cut = { from: new Date("2026-08-17T00:00:00Z"), to: new Date("2026-11-09T00:00:00Z") };
    const summary = await getSpendingSummary(t.db, who, cut, now);
    expect(summary.rangeMicros).toBe([...(await rawCost(who, cut)).values()].reduce((a, b) => a + b, 0));
    expect(summary.monthMicros).toBe([...(await rawCost(who, months[4]!)).values()].reduce((a, b) => a + b, 0));
  };
  const snapshot = async () => [
    ...rows(
      await t.db.execute(
        sql`select user_id, month_start, machine_id, provider, cost_micros::text as c from usage_month_costs order by 1, 2, 3, 4`,
      ),
    ).map((r) => JSON.stringify(r)),
    ...rows(
      await t.db.execute(
        sql`select user_id, day, provider, cost_micros::text as c from usage_day_costs order by 1, 2, 3`,
      ),
    ).map((r) => JSON.stringify(r)),
  ];

  it("equals the raw sum in every month after inserts, closes, a rate change and a delete; a rebuild finds nothing to change", {
    timeout: 60_000,
  }, async () => {
    const rand = rng(42);
    // Contiguous intervals per machine from August into December, random lengths (seconds to weeks),
    // with odd milliseconds; closed ones written in one bulk insert, the rest one by one.
    const bulk: (typeof usageIntervals.$inferInsert)[] = [];
    const open: string[] = [];
    for (const [i, id] of machineIds.entries()) {
      let s = Date.UTC(2026, 7, 1) + Math.floor(rand() * 86_400_000);
      for (let k = 0; k < 25; k++) {
        const len = Math.floor(rand() ** 3 * 30 * 86_400_000) + 1;
        const e = s + len;
        const last = e > now.getTime() || k === 24;
        const row = {
          id: `${id}-${k}`,
          userId: i === 5 ? other : user,
          machineId: id,
          provider: providers[i % 3]!,
          state: k % 2 ? "stopped" : "running",
          ratePerHourMicros: k % 2 ? 40_000 + i : 499_999 + i * 7919,
          granularity: granularities[i % 3]!,
          startedAt: new Date(s),
          endedAt: last ? null : new Date(e),
        };
        if (last) {
          await t.db.insert(usageIntervals).values(row);
          open.push(row.id);
          break;
        }
        if (k % 3 === 0) await t.db.insert(usageIntervals).values(row);
        else bulk.push(row);
        s = e;
      }
    }
    await t.db.insert(usageIntervals).values(bulk);
    await expectSameAsRaw(user);
    await expectSameAsRaw(other);

    // Closing: one at a time (as transition does), then the rest in one statement.
    await t.db
      .update(usageIntervals)
      .set({ endedAt: new Date(now.getTime() - 3_600_001) })
      .where(eq(usageIntervals.id, open[0]!));
    await t.db
      .update(usageIntervals)
      .set({ endedAt: new Date(now.getTime() - 1) })
      .where(sql`ended_at is null`);
    await expectSameAsRaw(user);
    // A correction to a closed interval (rate and end), and one interval deleted.
    await t.db
      .update(usageIntervals)
      .set({ ratePerHourMicros: 1_234_567, endedAt: new Date(now.getTime() - 86_400_000 * 3) })
      .where(eq(usageIntervals.id, open[1]!));
    await t.db.delete(usageIntervals).where(eq(usageIntervals.id, `${machineIds[2]}-1`));
    await expectSameAsRaw(user);
    expect((await monthCostByMachine(t.db, user, months[3]!, now)).length).toBeGreaterThan(0);

    // Kept by the triggers = built from scratch.
    const kept = await snapshot();
    await t.db.execute(sql`select usage_month_costs_rebuild()`);
    await t.db.execute(sql`select usage_day_costs_rebuild()`);
    expect(await snapshot()).toEqual(kept);

    // A machine deleted (its intervals cascade): its rollup rows go with it.
    await t.db.delete(machines).where(eq(machines.id, machineIds[0]!));
    expect(rows(await t.db.execute(sql`select 1 from usage_month_costs where machine_id = ${machineIds[0]!}`))).toEqual(
      [],
    );
    await expectSameAsRaw(user);
    // The other user's figures never mix with this one's.
    expect((await monthCostByMachine(t.db, user, months[3]!, now)).some((r) => r.machineId === machineIds[5])).toBe(
      false,
    );
  });

  it("cuts a range at month boundaries", () => {
    const d = (iso: string) => new Date(iso);
    expect(splitAtMonths({ from: d("2026-08-17T00:00:00Z"), to: d("2026-11-09T00:00:00Z") })).toEqual({
      months: { from: d("2026-09-01T00:00:00Z"), to: d("2026-11-01T00:00:00Z") },
      rest: [
        { from: d("2026-08-17T00:00:00Z"), to: d("2026-09-01T00:00:00Z") },
        { from: d("2026-11-01T00:00:00Z"), to: d("2026-11-09T00:00:00Z") },
      ],
    });
    expect(splitAtMonths({ from: d("2026-11-01T00:00:00Z"), to: d("2026-12-01T00:00:00Z") })).toEqual({
      months: { from: d("2026-11-01T00:00:00Z"), to: d("2026-12-01T00:00:00Z") },
      rest: [],
    });
    const inside = { from: d("2026-11-03T00:00:00Z"), to: d("2026-11-20T00:00:00Z") };
    expect(splitAtMonths(inside)).toEqual({ months: null, rest: [inside] });
    const across = { from: d("2026-11-20T00:00:00Z"), to: d("2026-12-05T00:00:00Z") };
    expect(splitAtMonths(across)).toEqual({ months: null, rest: [across] });
  });

  it("refuses a range that is not whole UTC months", async () => {
    await expect(
      monthCostByMachine(
        t.db,
        user,
        { from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") },
        now,
      ),
    ).rejects.toThrow(/whole UTC months/);
  });
});
