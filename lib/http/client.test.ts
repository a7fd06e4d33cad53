import { describe, expect, it } from "vitest";
import { HttpClient } from "./client";
import { backoffDelay, parseRetryAfter } from "./backoff";
import { ProviderError } from "./errors";
import { createRateLimiter } from "./rate-limiter";
import { redact } from "./redact";

function fakeFetch(responses: (Response | Error | (() => Promise<Response>))[]) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const f = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const r = responses.shift();
    if (!r) throw new Error("no more responses");
    if (r instanceof Error) throw r;
    return typeof r === "function" ? r() : r;
  }) as unknown as typeof fetch;
  return { f, calls };
}

const client = (f: typeof fetch, over = {}) =>
  new HttpClient({
    provider: "x",
    label: "X",
    baseUrl: "http://x.test/api/",
    fetch: f,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2_000 },
    secrets: () => ["KEY-abcdef"],
    ...over,
  });

describe("HttpClient", () => {
  it("honours Retry-After on 429, then returns the success", async () => {
    const { f, calls } = fakeFetch([
      new Response("slow", { status: 429, headers: { "retry-after": "1" } }),
      new Response('{"ok":1}', { status: 200 }),
    ]);
    const t0 = Date.now();
    const r = await client(f).request({ method: "POST", path: "/things", json: { a: 1 } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(r.json).toEqual({ ok: 1 });
    expect(calls).toHaveLength(2);
    expect(calls[0]!.url).toBe("http://x.test/api/things");
  });

  it("retries 503 on an idempotent call but not on a create", async () => {
    const a = fakeFetch([new Response("", { status: 503 }), new Response("{}", { status: 200 })]);
    expect((await client(a.f).request({ method: "GET", path: "/a" })).status).toBe(200);
    const b = fakeFetch([new Response("", { status: 503 }), new Response("{}", { status: 200 })]);
    expect((await client(b.f).request({ method: "POST", path: "/create" })).status).toBe(503);
    expect(b.calls).toHaveLength(1);
  });

  it("a network error on a create is unavailable with outcomeUnknown, and never shows the key", async () => {
    const { f } = fakeFetch([new TypeError("fetch failed: KEY-abcdef leaked")]);
    const e = (await client(f)
      .request({ method: "POST", path: "/create" })
      .catch((x: unknown) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.code).toBe("unavailable");
    expect(e.outcomeUnknown).toBe(true);
    expect(e.message).not.toContain("KEY-abcdef");
  });

  it("times out with code timeout", async () => {
    const f = ((_u: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      )) as unknown as typeof fetch;
    const e = (await client(f, { timeoutMs: 50, retry: { attempts: 1 } })
      .request({ method: "GET", path: "/slow" })
      .catch((x: unknown) => x)) as ProviderError;
    expect(e.code).toBe("timeout");
  });

  it("sends form bodies and query strings", async () => {
    const { f, calls } = fakeFetch([new Response("{}", { status: 200 })]);
    await client(f).request({
      method: "POST",
      path: "/eq.php",
      form: { action: "list", token: "t" },
      query: { a: 1, b: undefined },
    });
    expect(calls[0]!.url).toBe("http://x.test/api/eq.php?a=1");
    expect(calls[0]!.init?.body).toBe("action=list&token=t");
    const headers = calls[0]?.init?.headers as Record<string, string> | undefined;
    expect(headers?.["content-type"]).toBe("application/x-www-form-urlencoded");
  });
});

describe("backoff and limits", () => {
  it("parses Retry-After seconds and dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
  });
  it("grows exponentially under a cap, with jitter", () => {
    expect(backoffDelay(0, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.999)).toBe(99);
    expect(backoffDelay(5, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.999)).toBe(999);
    expect(backoffDelay(3, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0)).toBe(0);
  });
  it("spaces calls: one per window", async () => {
    const l = createRateLimiter({ limit: 1, windowMs: 120 });
    const t0 = Date.now();
    await l.acquire();
    await l.acquire();
    await l.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(230);
  });
  it("redacts secrets", () => {
    expect(redact("token=abcd1234 and abcd1234", ["abcd1234", undefined])).toBe("token=[redacted] and [redacted]");
  });
});
