import { DAY_MS } from "@/lib/costing";
import { isoDay, type Range } from "./periods";

export interface DailyCostRow {
  dayMs: number;
  provider: string;
  costMicros: number;
}

export interface DailySeries {
  providers: string[];
  /** One entry per UTC day of the range, zero-filled: { day: "2026-11-03", [provider]: micros }. */
  days: ({ day: string } & Record<string, number | string>)[];
}

/** Pivots per-day, per-provider sums into the chart's shape: every day present, every provider a key. */
export function dailySeries(rows: DailyCostRow[], range: Range): DailySeries {
  const providers = [...new Set(rows.map((r) => r.provider))].sort();
  const byDay = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const d = byDay.get(r.dayMs) ?? {};
    d[r.provider] = (d[r.provider] ?? 0) + r.costMicros;
    byDay.set(r.dayMs, d);
  }
  const days: DailySeries["days"] = [];
  const first = Math.floor(range.from.getTime() / DAY_MS) * DAY_MS;
  for (let d = first; d < range.to.getTime(); d += DAY_MS) {
    const v = byDay.get(d) ?? {};
    days.push({ day: isoDay(d), ...Object.fromEntries(providers.map((p) => [p, v[p] ?? 0])) });
  }
  return { providers, days };
}
