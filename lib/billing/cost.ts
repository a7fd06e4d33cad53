// Costing, pure and in integer micro-dollars. Cost of an interval = rate × duration, with the duration
// rounded up to the provider's billing granularity (a Lambda minute started is a minute billed).

export type Granularity = "second" | "minute" | "hour";

export const GRANULE_MS: Record<Granularity, number> = { second: 1_000, minute: 60_000, hour: 3_600_000 };

/** Billed duration in ms: at least one granule once anything started, rounded up to whole granules. */
export function billedMs(durationMs: number, granularity: Granularity): number {
  if (durationMs <= 0) return 0;
  const g = GRANULE_MS[granularity];
  return Math.ceil(durationMs / g) * g;
}

/** Cost in micro-dollars of `ratePerHourMicros` over [start, end), rounded up to a whole micro-dollar. */
export function intervalCostMicros(ratePerHourMicros: number, startMs: number, endMs: number, granularity: Granularity): number {
  const ms = billedMs(endMs - startMs, granularity);
  // rate (µ$/h) × ms / 3_600_000: BigInt keeps this exact even for long intervals at high rates.
  const num = BigInt(ratePerHourMicros) * BigInt(ms);
  const den = 3_600_000n;
  return Number((num + den - 1n) / den);
}

export interface LedgerInterval {
  state: string;
  ratePerHourMicros: number;
  granularity: Granularity;
  startedAt: Date;
  endedAt: Date | null;
}

/** Cost of intervals up to `now` (an open interval is costed up to now). */
export function costSoFar(intervals: LedgerInterval[], now: Date): number {
  return intervals.reduce((sum, i) => sum + intervalCostMicros(i.ratePerHourMicros, i.startedAt.getTime(), (i.endedAt ?? now).getTime(), i.granularity), 0);
}

/** The hourly rate billing right now: the open interval's, or 0. */
export function rateNow(intervals: LedgerInterval[]): number {
  return intervals.find((i) => i.endedAt === null)?.ratePerHourMicros ?? 0;
}
