// The contract tests' stand-in for the network: a fetch that answers each request from the test's own
// table of documented example bodies, and records what the client sent. Shared by every provider's
// contract.test.ts so they differ only in their routes and fixtures.
import type { AdapterOptions } from "@/lib/providers/types";

export interface SeenRequest {
  method: string;
  /** The URL's path, as sent (with the API's base path). */
  path: string;
  query: URLSearchParams;
  /** The body parsed as JSON, or as a form when it is not JSON; undefined when there is none. */
  body: unknown;
}

export interface FixtureAnswer {
  status: number;
  body?: unknown;
  contentType?: string;
}

/** `answer` returns the documented response for a request, or undefined for the `fallback`. */
export function fixtureFetch(
  answer: (req: SeenRequest) => FixtureAnswer | undefined,
  fallback: FixtureAnswer,
): { fetch: typeof fetch; seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const raw = typeof init?.body === "string" ? init.body : undefined;
    let body: unknown;
    if (raw !== undefined) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = Object.fromEntries(new URLSearchParams(raw));
      }
    }
    const req: SeenRequest = { method: init?.method ?? "GET", path: url.pathname, query: url.searchParams, body };
    seen.push(req);
    const a = answer(req) ?? fallback;
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: a.body === undefined ? {} : { "content-type": a.contentType ?? "application/json" },
    });
  };
  return { fetch: f as typeof fetch, seen };
}

/** Adapter options for a contract test: the provider's real base URL, one try, no client-side limits. */
export function contractOptions(
  baseUrl: string,
  fetchFn: typeof fetch,
  over: Partial<AdapterOptions> = {},
): AdapterOptions {
  return {
    apiKey: "contract-key-123456",
    baseUrl,
    fetch: fetchFn,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    limits: { launchIntervalMs: 0, requestsPerMinute: 0 },
    ...over,
  };
}
