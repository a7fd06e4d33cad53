// Provider slug → adapter. Slugs match the catalog's. Adapters are cheap to build; rate limiters
// and HOSTKEY sessions are shared per (provider, base URL, key) behind them.

import { createHostkeyAdapter } from "./hostkey/adapter";
import { createLambdaAdapter } from "./lambda/adapter";
import { createRunpodAdapter } from "./runpod/adapter";
import { createTensorDockAdapter } from "./tensordock/adapter";
import { PROVIDER_SLUGS, type AdapterOptions, type ProviderAdapter, type ProviderSlug } from "./types";
import { createVastAdapter } from "./vastai/adapter";

/** Static facts for the UI without a key (the same values the adapters carry). */
export { PROVIDER_INFO } from "./provider-info";

export const SUPPORTED_PROVIDERS: readonly ProviderSlug[] = PROVIDER_SLUGS;

const FACTORIES: Record<ProviderSlug, (opts: AdapterOptions) => ProviderAdapter> = {
  tensordock: createTensorDockAdapter,
  vastai: createVastAdapter,
  runpod: createRunpodAdapter,
  lambda: createLambdaAdapter,
  hostkey: createHostkeyAdapter,
};

export function isProviderSlug(s: string): s is ProviderSlug {
  return (PROVIDER_SLUGS as readonly string[]).includes(s);
}

/** Builds the adapter for a provider. baseUrl defaults to DUMONT_<PROVIDER>_API_URL, then the real API. */
export function getAdapter(provider: ProviderSlug, opts: AdapterOptions): ProviderAdapter {
  const make = FACTORIES[provider];
  if (!make) throw new Error(`Unsupported provider "${provider}"`);
  return make(opts);
}
