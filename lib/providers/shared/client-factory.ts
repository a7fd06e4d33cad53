// Builds what each provider client shares from the adapter options: the HttpClient, with the
// documented client-side limits shared per (provider, base URL, key) across adapter objects, and the
// context every error message and response check of that client is written with.

import { createHash } from "node:crypto";
import type { z } from "zod";
import {
  HttpClient,
  sharedRateLimiter,
  type HttpResponse,
  type ProviderError,
  type RateLimiter,
  type RequestSpec,
} from "@/lib/http";
import { PROVIDER_INFO } from "../provider-info";
import type { AdapterOptions, ProviderSlug } from "../types";
import { resolveBaseUrl } from "./base-url";
import type { FailureContext } from "./errors";
import { parseResponse } from "./parse";

export interface ClientSetup {
  http: HttpClient;
  baseUrl: string;
  /**
   * One call of the named kind (e.g. "launch") per interval: the provider's documented interval unless
   * AdapterOptions.limits.launchIntervalMs overrides it; undefined when that is 0.
   */
  orderLimiter(name: string, documentedIntervalMs: number): RateLimiter | undefined;
  /** How a failure of one call is reported: what it was doing, and whether it orders a machine. */
  ctx(what: string, create?: boolean): FailureContext;
  /** The response, unless the provider's failure mapping finds an error in it: then that error is thrown. */
  check(res: HttpResponse, ctx: FailureContext): HttpResponse;
  /** Sends a request and checks its response; `what` and `create` as for ctx. */
  send(req: RequestSpec, what: string, create?: boolean): Promise<HttpResponse>;
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
    /** The error a response carries (an error status, or one reported inside a 2xx body), else null. */
    failure: (res: HttpResponse, ctx: FailureContext) => ProviderError | null;
    /** Sends the API key as `Authorization: Bearer <key>`. */
    bearer?: boolean;
    secrets?: () => readonly (string | undefined | null)[];
    /** Documented requests-per-minute limit for every call, if any. */
    requestsPerMinute?: number;
  },
): ClientSetup {
  const { label } = PROVIDER_INFO[provider];
  if (!opts.apiKey?.trim()) throw new Error(`${label}: an API key is required`);
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
  const ctx = (what: string, create = false): FailureContext => ({
    provider,
    label,
    what,
    create,
    keyUrl: extra.keyUrl,
    redact: (s) => http.redact(s),
  });
  const check = (res: HttpResponse, c: FailureContext) => {
    const failure = extra.failure(res, c);
    if (failure) throw failure;
    return res;
  };
  return {
    http,
    baseUrl,
    orderLimiter: (name, documentedIntervalMs) =>
      limiter(name, 1, opts.limits?.launchIntervalMs ?? documentedIntervalMs),
    ctx,
    check,
    send: async (req, what, create = false) => check(await http.request(req), ctx(what, create)),
    parse: (schema, body, what) => parseResponse(schema, body, { provider, label, what }),
  };
}
