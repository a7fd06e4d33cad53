import "server-only";
import type { Db } from "@/db";
import { DomainError } from "@/lib/errors";
import { isProviderError, PROVIDER_INFO, type Offer, type ProviderSlug } from "@/lib/providers";
import type { OffersResult } from "./offer-dto";
import { adapterForUser, providerKeyFor } from "./provider-for-user";

// Live offers per user and provider, kept about a minute: the deploy page re-renders often and
// providers rate-limit (TensorDock: 100 requests a minute).
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; offers: Offer[] }>();

export async function listOffersForUser(
  db: Db,
  userId: string,
  provider: ProviderSlug,
  opts: { fresh?: boolean } = {},
): Promise<OffersResult> {
  const key = await providerKeyFor(db, userId, provider);
  if (!key)
    return {
      source: "none",
      fetchedAt: null,
      offers: [],
      message: `Add a ${PROVIDER_INFO[provider].label} API key in Settings to see live offers.`,
    };
  const ck = `${userId}:${provider}:${key.stored ? "k" : "s"}`;
  const hit = cache.get(ck);
  if (hit && !opts.fresh && Date.now() - hit.at < TTL_MS)
    return { source: "live", fetchedAt: new Date(hit.at).toISOString(), offers: hit.offers };
  try {
    const adapter = await adapterForUser(db, userId, provider);
    const offers = (await adapter.listOffers()).sort((a, b) => a.pricePerHourMicros - b.pricePerHourMicros);
    cache.set(ck, { at: Date.now(), offers });
    return { source: "live", fetchedAt: new Date().toISOString(), offers };
  } catch (e) {
    if (isProviderError(e)) return { source: "none", fetchedAt: null, offers: [], message: e.message };
    throw e;
  }
}

/** The offer a deploy names, fresh from the provider if the cached list does not have it. */
export async function findOffer(db: Db, userId: string, provider: ProviderSlug, offerId: string): Promise<Offer> {
  let r = await listOffersForUser(db, userId, provider);
  let offer = r.offers.find((o) => o.id === offerId);
  if (!offer) {
    r = await listOffersForUser(db, userId, provider, { fresh: true });
    offer = r.offers.find((o) => o.id === offerId);
  }
  if (!offer)
    throw new DomainError(
      "invalid",
      r.message ?? "That offer is no longer available. Pick another one from the list.",
      { offerId: "That offer is no longer available." },
    );
  if (!offer.available)
    throw new DomainError(
      "provider",
      `${PROVIDER_INFO[provider].label} has no capacity for ${offer.gpuName} in ${offer.region} right now. Pick another offer.`,
    );
  return offer;
}
