import "server-only";
import { LIVE_PRICE_RECENT_S, LIVE_PRICE_REFRESH_SECONDS } from "@/lib/deadlines";
import { startPeriodic } from "@/lib/jobs/periodic";
import { startWorkerGroup } from "@/lib/jobs/worker-group";
import { defaultPriceReaders } from "./readers";
import { refreshIfStale, type ProviderRefresh, type RefreshDeps } from "./refresh";

export const LIVE_PRICE_QUEUE = "live-prices-refresh";

const log = (results: ProviderRefresh[]) => {
  for (const r of results)
    if (r.status === "failed") console.warn(`[live-prices] ${r.provider}: kept the older prices (${r.error})`);
};

/**
 * Live prices: every 15 minutes somewhere in the cluster (a periodic job, lib/jobs/periodic.ts) each
 * provider's offers are read and reduced to the lowest price per GPU model. At start-up a process also
 * refreshes at once when nobody did within the period: the periodic job's slot may already have run
 * before a restart, and a new install should not wait a quarter of an hour for its first prices. That
 * runs in the background so start-up never waits on the providers.
 */
export function startLivePriceWorkers(): Promise<void> {
  return startWorkerGroup({
    name: "live-prices",
    // The periodic job makes its own queue.
    queues: [],
    start: async ({ boss, db }) => {
      const deps: RefreshDeps = { db, readersFor: defaultPriceReaders(db) };
      await startPeriodic(boss, {
        name: LIVE_PRICE_QUEUE,
        everySeconds: LIVE_PRICE_REFRESH_SECONDS,
        // A slot's job right after a start-up refresh (or another process's) would read the same prices again.
        run: async () => {
          const r = await refreshIfStale(deps, LIVE_PRICE_RECENT_S);
          if (r) log(r);
        },
      });
      void refreshIfStale(deps, LIVE_PRICE_REFRESH_SECONDS)
        .then((r) => r && log(r))
        .catch((e: unknown) => console.error("[live-prices] start-up refresh:", e instanceof Error ? e.message : e));
    },
  });
}
