// Integer micro-dollars everywhere (1 USD = 1_000_000); providers quote floats and cents.

export const MICROS_PER_USD = 1_000_000;
export const HOURS_PER_MONTH = 730;

export function usdToMicros(usd: number | string): number {
  const n = typeof usd === "string" ? Number(usd) : usd;
  if (!Number.isFinite(n)) return 0;
  return Math.round(n * MICROS_PER_USD);
}

export function centsToMicros(cents: number): number {
  return Math.round(cents * 10_000);
}

/** $/GB/month storage times GB, as micro-dollars per hour. */
export function monthlyPerGbToHourlyMicros(usdPerGbMonth: number, gb: number): number {
  return Math.round((usdPerGbMonth * gb * MICROS_PER_USD) / HOURS_PER_MONTH);
}

/** For messages: "$2.25/h". */
export function formatHourly(micros: number): string {
  return `$${(micros / MICROS_PER_USD).toFixed(2)}/h`;
}
