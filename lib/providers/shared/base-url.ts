// Base URL: the explicit option (AdapterOptions.baseUrl: the app passes the sandbox's API in sandbox
// mode, see lib/providers/endpoints.ts), else DUMONT_<PROVIDER>_API_URL, else the real endpoint.

import { getEnv } from "@/lib/env";
import type { ProviderSlug } from "../types";

export const DEFAULT_BASE_URLS: Record<ProviderSlug, string> = {
  tensordock: "https://dashboard.tensordock.com/api/v2",
  vastai: "https://console.vast.ai/api/v0",
  runpod: "https://api.runpod.io/v2",
  // The newer host. Not the old cloud.lambdalabs.com: a 301 from it would turn launch and terminate POSTs into GETs.
  lambda: "https://cloud.lambda.ai/api/v1",
  hostkey: "https://invapi.hostkey.com",
};

export function resolveBaseUrl(provider: ProviderSlug, explicit?: string): string {
  const url = explicit || getEnv().providerApiUrls[provider] || DEFAULT_BASE_URLS[provider];
  return url.replace(/\/+$/, "");
}
