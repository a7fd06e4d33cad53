import { costOfRate } from "@/lib/costing";
import { nextMonthStartUtc } from "./periods";
import type { SpendGroup, SpendingSummary } from "./summary-dto";

// The Spending page's figures from per-machine sums (db/queries/spending.ts): pure, so the
// projection and the groupings are tested without a database.

export interface MachineSpendRow {
  machineId: string;
  provider: string;
  /** Cost in the UTC month so far, today (UTC), and in the range asked for. */
  monthMicros: number;
  todayMicros: number;
  rangeMicros: number;
}

export interface OpenIntervalRow {
  machineId: string;
  provider: string;
  state: string;
  ratePerHourMicros: number;
}

function group(
  rows: MachineSpendRow[],
  open: OpenIntervalRow[],
  key: (r: { machineId: string; provider: string }) => string,
): SpendGroup[] {
  const m = new Map<string, SpendGroup>();
  const get = (k: string) => m.get(k) ?? m.set(k, { key: k, rangeMicros: 0, monthMicros: 0, rateNowMicros: 0 }).get(k)!;
  for (const r of rows) {
    const g = get(key(r));
    g.rangeMicros += r.rangeMicros;
    g.monthMicros += r.monthMicros;
  }
  for (const o of open) get(key(o)).rateNowMicros += o.ratePerHourMicros;
  return [...m.values()].sort(
    (a, b) => b.rangeMicros - a.rangeMicros || b.rateNowMicros - a.rateNowMicros || a.key.localeCompare(b.key),
  );
}

export function buildSummary(rows: MachineSpendRow[], open: OpenIntervalRow[], now: Date): SpendingSummary {
  const sum = (f: (r: MachineSpendRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const runningRateMicros = open.filter((o) => o.state === "running").reduce((s, o) => s + o.ratePerHourMicros, 0);
  const stoppedRateMicros = open.filter((o) => o.state !== "running").reduce((s, o) => s + o.ratePerHourMicros, 0);
  const monthMicros = sum((r) => r.monthMicros);
  const msLeft = nextMonthStartUtc(now).getTime() - now.getTime();
  return {
    todayMicros: sum((r) => r.todayMicros),
    monthMicros,
    rangeMicros: sum((r) => r.rangeMicros),
    runningRateMicros,
    stoppedRateMicros,
    projectionMicros: monthMicros + costOfRate(runningRateMicros + stoppedRateMicros, msLeft),
    byProvider: group(rows, open, (r) => r.provider),
    byMachine: group(rows, open, (r) => r.machineId),
  };
}
