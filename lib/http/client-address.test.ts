import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, guardForwardedFor } from "./client-address";

// A real HTTP server, as `next start` runs one: what does the handler see of a client's own
// X-Forwarded-For, with and without a trusted proxy in front?
let server: http.Server;
let url: string;
const saved = process.env.DUMONT_TRUST_PROXY;

beforeAll(async () => {
  guardForwardedFor();
  guardForwardedFor(); // idempotent: a second call must not wrap twice
  server = http.createServer((req, res) =>
    res.end(JSON.stringify({ xff: req.headers["x-forwarded-for"] ?? null, real: req.headers["x-real-ip"] ?? null })),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  if (saved === undefined) delete process.env.DUMONT_TRUST_PROXY;
  else process.env.DUMONT_TRUST_PROXY = saved;
});

const seen = async () =>
  (await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" } })).json()) as {
    xff: string | null;
    real: string | null;
  };

describe("client address", () => {
  it("drops a client's own forwarding headers when no proxy is trusted", async () => {
    delete process.env.DUMONT_TRUST_PROXY;
    expect(await seen()).toEqual({ xff: null, real: null });
  });

  it("keeps them behind a trusted proxy, and takes the entry that proxy appended (the last)", async () => {
    process.env.DUMONT_TRUST_PROXY = "1";
    expect((await seen()).xff).toBe("203.0.113.9");
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7" });
    expect(clientAddress(h)).toBe("198.51.100.7");
    expect(clientAddress(new Headers())).toBe("local");
  });
});
