// Money is integer micro-dollars (1 USD = 1_000_000). Providers quote floats, strings and cents; they are
// turned into micro-dollars here, and floats appear again only when formatting for people.

export const MICROS_PER_USD = 1_000_000;
/** Hours in an average month (8766 h a year / 12, rounded): a monthly or per-GB-month price over it is hourly. */
export const HOURS_PER_MONTH = 730;

/** Micro-dollars as a plain number of dollars (2_500_000 → 2.5), for inputs and URLs, not for display. */
export const microsToUsd = (micros: number): number => micros / MICROS_PER_USD;

/** Dollars as a number or a numeric string ("0.023"); anything that is not a finite number is 0. */
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

/** "$2.25", "$0.12", "$1,234.50"; cents are always shown, more digits only when they matter. */
export function formatUsd(micros: number, opts: { maxDigits?: number } = {}): string {
  const usd = micros / MICROS_PER_USD;
  const maxDigits = opts.maxDigits ?? 2;
  return usd.toLocaleString("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: maxDigits,
  });
}

/** An hourly price for pages: "$2.25/h", "$0.125/h". */
export const perHour = (micros: number): string => `${formatUsd(micros, { maxDigits: 3 })}/h`;

/** Dollars as a form field shows them: "12.5", "0.000001", "40"; no sign, no grouping, no trailing zeros. */
export function formatUsdInput(micros: number): string {
  return (micros / MICROS_PER_USD).toFixed(6).replace(/\.?0+$/, "");
}

/** A price or a range: "$2.25", "$2.50-$3.50", "$32.00+", with "~" where the source says approximately. */
export function formatPriceRange(p: {
  minMicros: number;
  maxMicros: number | null;
  approximate?: boolean;
  openEnded?: boolean;
}): string {
  const base =
    p.maxMicros != null && p.maxMicros !== p.minMicros
      ? `${formatUsd(p.minMicros)}-${formatUsd(p.maxMicros)}`
      : formatUsd(p.minMicros);
  return `${p.approximate ? "~" : ""}${base}${p.openEnded ? "+" : ""}`;
}
