// Today's prices as the public pages receive them (GET /api/v1/live-prices), and how a figure says
// where it comes from: "live, as of <time>" or "seed, <date>". Shared by the browser and the server,
// so it imports nothing server-side; zod/mini keeps the parser small on the public pages.

import * as z from "zod/mini";
import type { Source } from "./types";

// How often the refresh job reads the providers' prices; kept with the other job periods (plain constants, safe in the browser).
export { LIVE_PRICE_REFRESH_SECONDS } from "@/lib/deadlines";

const quoteSchema = z.object({
  provider: z.string(),
  gpu: z.string(),
  /** Lowest price per GPU-hour among the provider's offers for this GPU, micro-dollars. */
  perGpuHourMicros: z.int().check(z.positive()),
  offers: z.int().check(z.nonnegative()),
  /** When the provider was read (ISO). */
  asOf: z.iso.datetime({ offset: true }),
  /** The provider's last refresh did not succeed: this figure is from an earlier one. */
  stale: z.boolean(),
});
export type LiveQuote = z.infer<typeof quoteSchema>;

const sourceSchema = z.object({
  provider: z.string(),
  status: z.enum(["ok", "failed", "no-key"]),
  checkedAt: z.iso.datetime({ offset: true }),
});

export const livePricesResponseSchema = z.object({
  refreshEverySeconds: z.int(),
  prices: z.array(quoteSchema),
  providers: z.array(sourceSchema),
});
export type LivePricesResponse = z.infer<typeof livePricesResponseSchema>;
export type LiveProviderStatus = LivePricesResponse["providers"][number];

/** Quotes by provider and GPU model, as the comparison, estimator and recommender look them up. */
export type LiveIndex = ReadonlyMap<string, LiveQuote>;
export const liveKey = (provider: string, gpu: string) => `${provider}|${gpu}`;
export const NO_LIVE: LiveIndex = new Map();

export function indexLive(quotes: readonly LiveQuote[]): LiveIndex {
  return new Map(quotes.map((q) => [liveKey(q.provider, q.gpu), q]));
}

export function liveFor(live: LiveIndex | undefined, provider: string, gpu: string): LiveQuote | undefined {
  return live?.get(liveKey(provider, gpu));
}

/** "2025-05-01 14:05 UTC": the same text on the server, in tests and in every browser. */
export function formatAsOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** Where a price in an estimate comes from. */
export type PriceBasis =
  | { kind: "live"; asOf: string; offers: number; stale: boolean }
  | { kind: "seed"; date: string | null; label: string };

export const seedBasis = (source: Source): PriceBasis => ({
  kind: "seed",
  date: source.date ?? null,
  label: source.label,
});
export const liveBasis = (q: LiveQuote): PriceBasis => ({
  kind: "live",
  asOf: q.asOf,
  offers: q.offers,
  stale: q.stale,
});

/** "live, as of 2025-05-01 14:05 UTC" or "seed, 2024-12". */
export function basisLabel(b: PriceBasis): string {
  if (b.kind === "live") return `live, as of ${formatAsOf(b.asOf)}${b.stale ? " (not refreshed since)" : ""}`;
  return `seed, ${b.date ?? b.label}`;
}
