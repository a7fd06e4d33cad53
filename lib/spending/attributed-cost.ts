import { GRANULE_MS, type Granularity } from "@/lib/billing/cost";
import { DAY_MS } from "./periods";

// How an interval's cost is spread over time, so that days and months add up exactly to the
// interval's cost (lib/billing/cost.ts intervalCostMicros). A(t), the cost attributed up to t, is
// ceil(rate × (t − start) / 1 h) inside the interval and the full rounded cost from its end on: the
// granule rounding (a Lambda minute started is a minute billed) lands on the day the interval ends.
// A piece [from, to) costs A(to) − A(from); the pieces telescope, so no micro-dollar is lost or
// counted twice. db/queries/spending.ts computes the same function in SQL.

export interface CostedInterval {
  ratePerHourMicros: number;
  granularity: Granularity | string;
  startedAt: Date;
  endedAt: Date | null;
}

const granule = (g: string): number => GRANULE_MS[g as Granularity] ?? GRANULE_MS.second;

const ceilDiv = (num: bigint, den: bigint): number => Number((num + den - 1n) / den);

/** The whole interval's cost up to `nowMs` (an open interval ends now), granule-rounded. */
export function fullCost(i: CostedInterval, nowMs: number): number {
  const s = i.startedAt.getTime();
  const e = i.endedAt?.getTime() ?? nowMs;
  if (e <= s) return 0;
  const g = granule(i.granularity);
  const billed = Math.ceil((e - s) / g) * g;
  return ceilDiv(BigInt(i.ratePerHourMicros) * BigInt(billed), 3_600_000n);
}

/** A(t): the part of the interval's cost attributed to time before `tMs`. */
export function attributedUpTo(i: CostedInterval, tMs: number, nowMs: number): number {
  const s = i.startedAt.getTime();
  const e = i.endedAt?.getTime() ?? nowMs;
  if (tMs >= e) return fullCost(i, nowMs);
  if (tMs <= s) return 0;
  return ceilDiv(BigInt(i.ratePerHourMicros) * BigInt(tMs - s), 3_600_000n);
}

/** The interval's cost that falls in [fromMs, toMs). */
export function costInRange(i: CostedInterval, fromMs: number, toMs: number, nowMs: number): number {
  if (toMs <= fromMs) return 0;
  return attributedUpTo(i, toMs, nowMs) - attributedUpTo(i, fromMs, nowMs);
}

/** The interval's cost per UTC day within [fromMs, toMs); days with nothing are left out. */
export function splitByDay(i: CostedInterval, fromMs: number, toMs: number, nowMs: number): { dayMs: number; costMicros: number }[] {
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
