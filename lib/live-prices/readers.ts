import "server-only";
import type { Db } from "@/db";
import { storedKeyOwners } from "@/db/queries/live-prices";
import { getProviderKey } from "@/lib/settings";
import { getEnv } from "@/lib/env";
import { SANDBOX_KEY } from "@/lib/machines";
import { getAdapter, type AdapterOptions, type ProviderSlug } from "@/lib/providers";
import { inSandbox, providerBaseUrl } from "@/lib/providers/endpoints";
import type { PriceReader } from "./refresh";

/** Providers whose offer search answers without an account: Vast.ai's POST /bundles/ and RunPod's GET /catalog/gpus. */
export const PUBLIC_PRICE_PROVIDERS: ReadonlySet<ProviderSlug> = new Set<ProviderSlug>(["vastai", "runpod"]);

/** Stored keys tried per provider when the newest one fails (revoked, sealed under a lost secret). */
const STORED_KEYS_TRIED = 3;

// The adapters insist on a key; for a public read the placeholder is never sent (the header is dropped).
const PUBLIC_READ_KEY = "public-price-read";

/** fetch without the Authorization header: a public read must not look like a (bad) signed-in one. */
const withoutAuthorization: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.delete("authorization");
  return fetch(input, { ...init, headers });
};

/**
 * How the refresh reads each provider:
 * - Vast.ai and RunPod: without a key (in sandbox mode with the stand-in key the simulator accepts),
 *   then stored keys as a fallback.
 * - TensorDock, Lambda and HOSTKEY list prices only to an account: with one key that some user stored,
 *   newest first. That is acceptable because the call only reads the provider's price list, which is
 *   the same for every account; nothing is ordered or billed, the key never leaves this server, one
 *   read per provider per period is far below any rate limit, and what is stored is the lowest price
 *   and an offer count per GPU model, nothing about the account. Without a stored key the provider
 *   shows only the seed prices (in sandbox mode too, so the demo shows what a real install shows).
 */
export function defaultPriceReaders(
  db: Db,
  opts: { sandbox?: boolean; adapterOptions?: Partial<AdapterOptions> } = {},
) {
  return async (provider: ProviderSlug): Promise<PriceReader[]> => {
    const sandbox = opts.sandbox ?? inSandbox();
    const common: Partial<AdapterOptions> = {
      baseUrl: providerBaseUrl(provider),
      timeoutMs: getEnv().providerTimeoutMs,
      ...opts.adapterOptions,
    };
    const readers: PriceReader[] = [];
    if (PUBLIC_PRICE_PROVIDERS.has(provider)) {
      readers.push(
        sandbox
          ? { via: "sandbox", listOffers: () => getAdapter(provider, { ...common, apiKey: SANDBOX_KEY }).listOffers() }
          : {
              via: "public",
              listOffers: () =>
                getAdapter(provider, { ...common, apiKey: PUBLIC_READ_KEY, fetch: withoutAuthorization }).listOffers(),
            },
      );
    }
    for (const userId of await storedKeyOwners(db, provider, STORED_KEYS_TRIED)) {
      readers.push({
        via: "stored-key",
        listOffers: async () => {
          // Unsealed only here, for this one call; a key sealed under a lost secret throws and the next is tried.
          const key = await getProviderKey(db, userId, provider);
          if (!key) throw new Error("the stored key was deleted");
          return getAdapter(provider, { ...common, apiKey: key }).listOffers();
        },
      });
    }
    return readers;
  };
}
