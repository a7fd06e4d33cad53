import "server-only";
import type { Db } from "@/db";
import {
  lastLivePriceAttempt,
  recordLivePriceMiss,
  replaceLivePrices,
  type LivePriceVia,
} from "@/db/queries/live-prices";
import { SUPPORTED_PROVIDERS, type Offer, type ProviderSlug } from "@/lib/providers";
import { reduceOffers } from "./reduce";

/** One way to read a provider's offers (without a key, with a stored key, from the sandbox). */
export interface PriceReader {
  via: LivePriceVia;
  listOffers: () => Promise<Offer[]>;
}

export interface RefreshDeps {
  db: Db;
  /** The ways to read each provider, best first; none means "needs a key nobody stored". */
  readersFor: (provider: ProviderSlug) => Promise<PriceReader[]>;
  providers?: readonly ProviderSlug[];
  now?: () => Date;
}

export interface ProviderRefresh {
  provider: ProviderSlug;
  status: "ok" | "failed" | "no-key";
  via?: LivePriceVia;
  offers?: number;
  models?: number;
  error?: string;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

async function refreshOne(deps: RefreshDeps, provider: ProviderSlug): Promise<ProviderRefresh> {
  const now = deps.now ?? (() => new Date());
  let readers: PriceReader[];
  try {
    readers = await deps.readersFor(provider);
  } catch (e) {
    await recordLivePriceMiss(deps.db, provider, "failed", now(), message(e));
    return { provider, status: "failed", error: message(e) };
  }
  if (readers.length === 0) {
    await recordLivePriceMiss(deps.db, provider, "no-key", now(), null);
    return { provider, status: "no-key" };
  }
  const errors: string[] = [];
  // The next reader is tried when one fails (a revoked stored key, a public endpoint that now wants a
  // key); the first success is the provider's prices.
  for (const reader of readers) {
    try {
      const offers = await reader.listOffers();
      // An empty list from a provider that always sells something is an outage that answered 200:
      // keep the older prices rather than wipe them.
      if (offers.length === 0) throw new Error("listed no offers");
      const reduced = reduceOffers(offers);
      await replaceLivePrices(deps.db, provider, reduced, now(), reader.via);
      return { provider, status: "ok", via: reader.via, offers: offers.length, models: reduced.length };
    } catch (e) {
      errors.push(`${reader.via}: ${message(e)}`);
    }
  }
  const error = errors.join("; ").slice(0, 1000);
  await recordLivePriceMiss(deps.db, provider, "failed", now(), error);
  return { provider, status: "failed", error };
}

/**
 * Reads every provider's offers and stores the lowest price per GPU model. Providers are read side by
 * side and apart: one that fails keeps its last stored prices (with their older fetchedAt) and only
 * its source row says "failed". Safe to run twice at once (each provider's write is one transaction
 * that replaces its rows).
 */
export async function refreshLivePrices(deps: RefreshDeps): Promise<ProviderRefresh[]> {
  return Promise.all((deps.providers ?? SUPPORTED_PROVIDERS).map((p) => refreshOne(deps, p)));
}

/** Refreshes when no process has tried within `everySeconds` (start-up); null when it did not run. */
export async function refreshIfStale(deps: RefreshDeps, everySeconds: number): Promise<ProviderRefresh[] | null> {
  const now = (deps.now ?? (() => new Date()))();
  const last = await lastLivePriceAttempt(deps.db);
  if (last && now.getTime() - last.getTime() < everySeconds * 1000) return null;
  return refreshLivePrices(deps);
}
