import "server-only";
import type { Db } from "@/db";
import { listLivePrices, listLivePriceSources } from "@/db/queries/live-prices";
import { LIVE_PRICE_REFRESH_SECONDS, type LivePricesResponse, type LiveProviderStatus } from "@/lib/catalog/live";

/** What GET /api/v1/live-prices answers: every stored price with when it was read, and each provider's last refresh. */
export async function readLivePrices(db: Db): Promise<LivePricesResponse> {
  const [prices, sources] = await Promise.all([listLivePrices(db), listLivePriceSources(db)]);
  return {
    refreshEverySeconds: LIVE_PRICE_REFRESH_SECONDS,
    prices: prices.map((p) => ({
      provider: p.provider,
      gpu: p.gpuModel,
      perGpuHourMicros: p.minPerGpuHourMicros,
      offers: p.offerCount,
      asOf: p.fetchedAt.toISOString(),
      stale: p.stale,
    })),
    // Status only: a failure's message stays in the database for operators.
    providers: sources.map((s) => ({
      provider: s.provider,
      status: s.status as LiveProviderStatus["status"],
      checkedAt: s.attemptedAt.toISOString(),
    })),
  };
}
