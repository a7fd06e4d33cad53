// Builds the HttpClient each provider client uses from the adapter options, with the documented
// client-side limits shared per (provider, base URL, key) across adapter objects.

import { createHash } from "node:crypto";
import { HttpClient, sharedRateLimiter, type RateLimiter } from "@/lib/http";
import type { AdapterOptions, ProviderSlug } from "../types";
import { resolveBaseUrl } from "./base-url";

export interface ClientSetup {
  http: HttpClient;
  baseUrl: string;
  /** Limiter for a named endpoint class (e.g. "launch"), or undefined when unlimited. */
  limiter(name: string, limit: number, windowMs: number): RateLimiter | undefined;
}

export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
}

export function setupClient(
  provider: ProviderSlug,
  label: string,
  opts: AdapterOptions,
  extra: {
    headers?: () => Record<string, string>;
    secrets?: () => readonly (string | undefined | null)[];
    /** Documented requests-per-minute limit for every call, if any. */
    requestsPerMinute?: number;
  } = {},
): ClientSetup {
  if (!opts.apiKey || !opts.apiKey.trim()) throw new Error(`${label}: an API key is required`);
  const baseUrl = resolveBaseUrl(provider, opts.baseUrl);
  const scope = `${provider}|${baseUrl}|${keyFingerprint(opts.apiKey)}`;
  const limiter = (name: string, limit: number, windowMs: number) =>
    limit > 0 && windowMs > 0 ? sharedRateLimiter(`${scope}|${name}`, { limit, windowMs }) : undefined;
  const rpm = opts.limits?.requestsPerMinute ?? extra.requestsPerMinute ?? 0;
  const http = new HttpClient({
    provider,
    label,
    baseUrl,
    timeoutMs: opts.timeoutMs,
    retry: opts.retry,
    headers: extra.headers,
    secrets: () => [opts.apiKey, ...(extra.secrets?.() ?? [])],
    limiter: limiter("all", rpm, 60_000),
    fetch: opts.fetch,
  });
  return { http, baseUrl, limiter };
}
