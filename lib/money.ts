// Money is integer micro-dollars (1 USD = 1_000_000). Floats appear only when formatting for people.

export const MICROS_PER_USD = 1_000_000;

export const usdToMicros = (usd: number): number => Math.round(usd * MICROS_PER_USD);

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

/** A price or a range: "$2.25", "$2.50-$3.50", "$32.00+", with "~" where the source says approximately. */
export function formatPriceRange(p: { minMicros: number; maxMicros: number | null; approximate?: boolean; openEnded?: boolean }): string {
  const base = p.maxMicros != null && p.maxMicros !== p.minMicros ? `${formatUsd(p.minMicros)}-${formatUsd(p.maxMicros)}` : formatUsd(p.minMicros);
  return `${p.approximate ? "~" : ""}${base}${p.openEnded ? "+" : ""}`;
}
