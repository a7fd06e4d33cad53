// A small fetch wrapper shared by the provider clients: timeouts on every call, retries with
// backoff + jitter on 429/5xx, client-side rate limits, and errors that never carry secrets.
// It returns the final response whatever its status; each provider maps its own error envelope.

import { backoffDelay, parseRetryAfter, sleep } from "./backoff";
import { ProviderError } from "./errors";
import type { RateLimiter } from "./rate-limiter";
import { redact } from "./redact";

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Cap on any delay, a Retry-After included. */
  maxDelayMs: number;
}

export interface HttpClientOptions {
  /** Slug used in ProviderError.provider. */
  provider: string;
  /** Human name used in messages ("Vast.ai"). */
  label: string;
  baseUrl: string;
  /** Per-try timeout. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Values to mask in any message (API key, session token). Called lazily: tokens change. */
  secrets?: () => readonly (string | undefined | null)[];
  /** Applies to every request of this client. */
  limiter?: RateLimiter;
  /** Headers on every request (auth). Called per try so a refreshed token is picked up. */
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
}

export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Appended to baseUrl; may carry a query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /**
   * Whether repeating the call is harmless. Non-idempotent calls (creates, orders) are only
   * retried on 429, which means "not processed"; a 5xx, reset or timeout on them may hide a
   * success, so they surface with outcomeUnknown instead. Default: GET and DELETE only.
   */
  idempotent?: boolean;
  /** An extra, per-endpoint limiter (Lambda launch). */
  limiter?: RateLimiter;
  timeoutMs?: number;
  /** For messages: what we were doing ("list offers"). */
  what?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  ok: boolean;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 300, maxDelayMs: 30_000 };

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

export class HttpClient {
  readonly opts: HttpClientOptions;
  private readonly retry: RetryOptions;

  constructor(opts: HttpClientOptions) {
    this.opts = { ...opts, baseUrl: opts.baseUrl.replace(/\/+$/, "") };
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
  }

  /** Masks every known secret in a string. */
  redact(text: string): string {
    return redact(text, this.opts.secrets?.() ?? []);
  }

  url(spec: Pick<RequestSpec, "path" | "query">): string {
    const u = new URL(this.opts.baseUrl + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  async request(spec: RequestSpec): Promise<HttpResponse> {
    const idempotent = spec.idempotent ?? (spec.method === "GET" || spec.method === "DELETE");
    const what = spec.what ?? `${spec.method} ${spec.path.split("?")[0]}`;
    const timeoutMs = spec.timeoutMs ?? this.opts.timeoutMs ?? 20_000;
    const doFetch = this.opts.fetch ?? fetch;
    const { label, provider } = this.opts;

    for (let attempt = 0; ; attempt++) {
      const last = attempt >= this.retry.attempts - 1;
      await this.opts.limiter?.acquire();
      await spec.limiter?.acquire();

      const headers: Record<string, string> = { accept: "application/json", ...this.opts.headers?.(), ...spec.headers };
      let body: string | undefined;
      if (spec.json !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(spec.json);
      } else if (spec.form) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        const f = new URLSearchParams();
        for (const [k, v] of Object.entries(spec.form)) if (v !== undefined) f.set(k, String(v));
        body = f.toString();
      }

      let res: Response;
      let text: string;
      try {
        // The timeout covers the body too: a server can hang after sending headers.
        const signal = AbortSignal.timeout(timeoutMs);
        res = await doFetch(this.url(spec), { method: spec.method, headers, body, signal, redirect: "follow" });
        text = await res.text();
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
        if (idempotent && !last) {
          await sleep(backoffDelay(attempt, this.retry));
          continue;
        }
        const detail = timedOut
          ? `${label} did not answer ${what} within ${Math.round(timeoutMs / 1000)} s`
          : `Could not reach ${label} for ${what}: ${this.redact(errorText(e))}`;
        throw new ProviderError({
          code: timedOut ? "timeout" : "unavailable",
          provider,
          message: idempotent
            ? `${detail}. Try again later.`
            : `${detail}; the request may still have taken effect. Look the instance up before trying again.`,
          outcomeUnknown: !idempotent,
        });
      }

      const retryable = res.status === 429 || (idempotent && isRetryableStatus(res.status));
      if (retryable && !last) {
        const hinted = parseRetryAfter(res.headers.get("retry-after"));
        const delay = Math.min(this.retry.maxDelayMs, hinted ?? backoffDelay(attempt, this.retry));
        // Jitter on top of Retry-After spreads a herd of workers released at the same instant.
        await sleep(delay + (hinted !== undefined ? Math.floor(Math.random() * 100) : 0));
        continue;
      }
      let json: unknown;
      try {
        json = text.length ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json, ok: res.ok };
    }
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const c = cause instanceof Error ? `: ${cause.message}` : "";
    return `${e.message}${c}`;
  }
  return String(e);
}
