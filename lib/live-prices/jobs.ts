import "server-only";
import { getDb } from "@/db";
import { getBoss } from "@/lib/jobs/boss";
import { startPeriodic } from "@/lib/jobs/periodic";
import { LIVE_PRICE_REFRESH_SECONDS } from "@/lib/catalog/live";
import { defaultPriceReaders } from "./readers";
import { refreshIfStale, type ProviderRefresh, type RefreshDeps } from "./refresh";

export const LIVE_PRICE_QUEUE = "live-prices-refresh";
/** A refresh this recent makes the periodic job skip its turn. */
const RECENT_SECONDS = 60;

const g = globalThis as unknown as { __dumontLivePriceWorkers?: Promise<void> };

const log = (results: ProviderRefresh[]) => {
  for (const r of results) if (r.status === "failed") console.warn(`[live-prices] ${r.provider}: kept the older prices (${r.error})`);
};

/**
 * Live prices: every 15 minutes somewhere in the cluster (a periodic job, lib/jobs/periodic.ts) each
 * provider's offers are read and reduced to the lowest price per GPU model. At start-up a process also
 * refreshes at once when nobody did within the period: the periodic job's slot may already have run
 * before a restart, and a new install should not wait a quarter of an hour for its first prices. That
 * runs in the background so start-up never waits on the providers.
 */
export function startLivePriceWorkers(): Promise<void> {
  g.__dumontLivePriceWorkers ??= (async () => {
    const boss = await getBoss();
    const db = await getDb();
    const deps: RefreshDeps = { db, readersFor: defaultPriceReaders(db) };
    await startPeriodic(boss, {
      name: LIVE_PRICE_QUEUE,
      everySeconds: LIVE_PRICE_REFRESH_SECONDS,
      // A slot's job right after a start-up refresh (or another process's) would read the same prices again.
      run: async () => {
        const r = await refreshIfStale(deps, RECENT_SECONDS);
        if (r) log(r);
      },
    });
    void refreshIfStale(deps, LIVE_PRICE_REFRESH_SECONDS)
      .then((r) => r && log(r))
      .catch((e: unknown) => console.error("[live-prices] start-up refresh:", e instanceof Error ? e.message : e));
  })().catch((err) => {
    g.__dumontLivePriceWorkers = undefined;
    throw err;
  });
  return g.__dumontLivePriceWorkers;
}

/** Stops pg-boss (and with it the periodic refresh) and forgets the workers (tests switch databases between suites). */
export async function stopLivePriceWorkers(): Promise<void> {
  const started = g.__dumontLivePriceWorkers;
  g.__dumontLivePriceWorkers = undefined;
  if (started) await started.catch(() => undefined);
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
}
