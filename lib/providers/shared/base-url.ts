// Base URL: the explicit option, else DUMONT_<PROVIDER>_API_URL (how tests and the embedded mode
// aim the real clients at the sandbox), else the real endpoint.

import type { ProviderSlug } from "../types";

export const DEFAULT_BASE_URLS: Record<ProviderSlug, string> = {
  tensordock: "https://dashboard.tensordock.com/api/v2",
  vastai: "https://console.vast.ai/api/v0",
  runpod: "https://api.runpod.io/v2",
  // The newer host. Not the old cloud.lambdalabs.com: a 301 from it would turn launch and terminate POSTs into GETs.
  lambda: "https://cloud.lambda.ai/api/v1",
  hostkey: "https://invapi.hostkey.com",
};

export function baseUrlEnvName(provider: ProviderSlug): string {
  return `DUMONT_${provider.toUpperCase()}_API_URL`;
}

export function resolveBaseUrl(provider: ProviderSlug, explicit?: string): string {
  const fromEnv = process.env[baseUrlEnvName(provider)];
  const url = explicit || (fromEnv && fromEnv.trim()) || DEFAULT_BASE_URLS[provider];
  return url.replace(/\/+$/, "");
}
