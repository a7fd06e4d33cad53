// Builds what each provider client shares from the adapter options: the HttpClient, with the
// documented client-side limits shared per (provider, base URL, key) across adapter objects, and the
// context every error message and response check of that client is written with.

import { createHash } from "node:crypto";
import type { z } from "zod";
import { HttpClient, sharedRateLimiter, type RateLimiter } from "@/lib/http";
import { PROVIDER_INFO } from "../provider-info";
import type { AdapterOptions, ProviderSlug } from "../types";
import { resolveBaseUrl } from "./base-url";
import type { FailureContext } from "./errors";
import { parseResponse } from "./parse";

export interface ClientSetup {
  http: HttpClient;
  baseUrl: string;
  /** Limiter for a named endpoint class (e.g. "launch"), or undefined when unlimited. */
  limiter(name: string, limit: number, windowMs: number): RateLimiter | undefined;
  /** How a failure of one call is reported: what it was doing, and whether it orders a machine. */
  ctx(what: string, create?: boolean): FailureContext;
  /** The body checked against the schema of the fields the client relies on (`what` names the call). */
  parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S>;
}

export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
}

export function setupClient(
  provider: ProviderSlug,
  opts: AdapterOptions,
  extra: {
    /** Where the user fixes a rejected key. */
    keyUrl: string;
    /** Sends the API key as `Authorization: Bearer <key>`. */
    bearer?: boolean;
    secrets?: () => readonly (string | undefined | null)[];
    /** Documented requests-per-minute limit for every call, if any. */
    requestsPerMinute?: number;
  },
): ClientSetup {
  const { label } = PROVIDER_INFO[provider];
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
    headers: extra.bearer ? () => ({ authorization: `Bearer ${opts.apiKey}` }) : undefined,
    secrets: () => [opts.apiKey, ...(extra.secrets?.() ?? [])],
    limiter: limiter("all", rpm, 60_000),
    fetch: opts.fetch,
  });
  return {
    http,
    baseUrl,
    limiter,
    ctx: (what, create = false) => ({ provider, label, what, create, keyUrl: extra.keyUrl, redact: (s) => http.redact(s) }),
    parse: (schema, body, what) => parseResponse(schema, body, { provider, label, what }),
  };
}
