// The five clouds the app speaks to. Kept apart from lib/providers so that the configuration
// (lib/env.ts, which names a base-URL variable per provider) can sit below every feature.
export const PROVIDER_SLUGS = ["tensordock", "vastai", "runpod", "lambda", "hostkey"] as const;
export type ProviderSlug = (typeof PROVIDER_SLUGS)[number];
