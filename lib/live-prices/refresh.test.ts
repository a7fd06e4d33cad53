import http from "node:http";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { listLivePrices, listLivePriceSources, replaceLivePrices } from "@/db/queries/live-prices";
import { livePrices, livePriceSources } from "@/db/schema";
import { livePricesResponseSchema } from "@/lib/catalog/live";
import { addProviderKey } from "@/lib/settings";
import { useSandbox } from "@/test/providers/harness";
import type { Offer, ProviderSlug } from "@/lib/providers/types";
import { availableDrivers, type TestDb } from "@/test/test-db";
import { useTestDb } from "@/test/use-test-db";
import { createTestUser } from "@/test/test-users";
import { readLivePrices } from "./read";
import { defaultPriceReaders } from "./readers";
import { reduceOffers } from "./reduce";
import { refreshIfStale, refreshLivePrices, type PriceReader, type RefreshDeps } from "./refresh";
import { useFileEnv, useRandomSecretKey } from "@/test/file-env";

const h = useSandbox();

// The default readers aim at DUMONT_<PROVIDER>_API_URL, as the app does in sandbox mode; short retries.
useFileEnv(() => h.sb.env);
useRandomSecretKey();

const FAST = {
  timeoutMs: 1_000,
  retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  limits: { requestsPerMinute: 0, launchIntervalMs: 0 },
};

/** What the refresh should store for a provider, computed from what its adapter lists now (sandbox prices change). */
async function expectedFor(provider: ProviderSlug) {
  // In the order the stored rows come back (by model name).
  return reduceOffers(await h.adapter(provider).listOffers()).sort((a, b) => (a.gpuModel < b.gpuModel ? -1 : 1));
}

const byProvider = async (t: TestDb, provider: string) =>
  (await listLivePrices(t.db)).filter((r) => r.provider === provider);

describe.each(await availableDrivers())("live-price refresh against the sandbox on %s", (driver) => {
  let deps: RefreshDeps;
  const t = useTestDb(driver, async ({ db }) => {
    deps = { db, readersFor: defaultPriceReaders(db, { sandbox: true, adapterOptions: FAST }) };
  });
  beforeEach(async () => {
    await t.db.delete(livePrices);
    await t.db.delete(livePriceSources);
  });

  it("stores Vast.ai's and RunPod's lowest price per GPU model with the offer count and when they were read", async () => {
    const before = Date.now();
    const results = await refreshLivePrices(deps);
    expect(results.find((r) => r.provider === "vastai")).toMatchObject({ status: "ok", via: "sandbox" });
    expect(results.find((r) => r.provider === "runpod")).toMatchObject({ status: "ok", via: "sandbox" });
    for (const provider of ["vastai", "runpod"] as const) {
      const want = await expectedFor(provider);
      expect(want.length).toBeGreaterThan(0);
      const stored = await byProvider(t, provider);
      expect(
        stored.map((r) => ({
          gpuModel: r.gpuModel,
          minPerGpuHourMicros: r.minPerGpuHourMicros,
          offerCount: r.offerCount,
        })),
      ).toEqual(expect.arrayContaining(want.map((w) => ({ ...w }))));
      expect(stored).toHaveLength(want.length);
      for (const r of stored) {
        expect(Number.isInteger(r.minPerGpuHourMicros) && r.minPerGpuHourMicros > 0).toBe(true);
        expect(r.fetchedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(r.stale).toBe(false);
      }
    }
  });

  it("leaves TensorDock, Lambda and HOSTKEY on seed prices while nobody stored a key", async () => {
    const results = await refreshLivePrices(deps);
    for (const p of ["tensordock", "lambda", "hostkey"] as const) {
      expect(results.find((r) => r.provider === p)).toEqual({ provider: p, status: "no-key" });
      expect(await byProvider(t, p)).toEqual([]);
    }
    const sources = await listLivePriceSources(t.db);
    expect(sources.find((s) => s.provider === "lambda")).toMatchObject({
      status: "no-key",
      via: null,
      succeededAt: null,
    });
  });

  it("reads a keyed provider with a key some user stored, and says so", async () => {
    const user = await createTestUser(t.db, "priced");
    await addProviderKey(t.db, user, { provider: "tensordock", apiKey: `sbx-live-price-key-${driver}` });
    const results = await refreshLivePrices({ ...deps, providers: ["tensordock"] });
    expect(results).toEqual([expect.objectContaining({ provider: "tensordock", status: "ok", via: "stored-key" })]);
    const want = await expectedFor("tensordock");
    expect((await byProvider(t, "tensordock")).map((r) => [r.gpuModel, r.minPerGpuHourMicros, r.offerCount])).toEqual(
      want.map((w) => [w.gpuModel, w.minPerGpuHourMicros, w.offerCount]),
    );
  });

  it("keeps a failing provider's last prices, with their older time, and marks them; never zero", async () => {
    const t1 = new Date(Date.now() - 20 * 60_000);
    await refreshLivePrices({ ...deps, now: () => t1 });
    const first = await listLivePrices(t.db);
    expect(first.length).toBeGreaterThan(0);

    // RunPod now unreachable; Vast.ai still answers.
    const runpodUrl = process.env.DUMONT_RUNPOD_API_URL;
    process.env.DUMONT_RUNPOD_API_URL = "http://127.0.0.1:9/runpod/v2";
    try {
      const t2 = new Date();
      const results = await refreshLivePrices({ ...deps, now: () => t2 });
      expect(results.find((r) => r.provider === "runpod")).toMatchObject({ status: "failed" });
      expect(results.find((r) => r.provider === "vastai")).toMatchObject({ status: "ok" });
      const after = await listLivePrices(t.db);
      const runpodBefore = first.filter((r) => r.provider === "runpod");
      const runpodAfter = after.filter((r) => r.provider === "runpod");
      expect(runpodAfter.map(({ stale: _s, ...r }) => r)).toEqual(runpodBefore.map(({ stale: _s, ...r }) => r));
      for (const r of runpodAfter) {
        expect(r.fetchedAt.toISOString()).toBe(t1.toISOString());
        expect(r.stale).toBe(true);
        expect(r.minPerGpuHourMicros).toBeGreaterThan(0);
      }
      for (const r of after.filter((x) => x.provider === "vastai")) {
        expect(r.fetchedAt.toISOString()).toBe(t2.toISOString());
        expect(r.stale).toBe(false);
      }
      const src = (await listLivePriceSources(t.db)).find((s) => s.provider === "runpod")!;
      expect(src).toMatchObject({ status: "failed", via: "sandbox" });
      expect(src.attemptedAt.toISOString()).toBe(t2.toISOString());
      expect(src.succeededAt?.toISOString()).toBe(t1.toISOString());
      expect(src.error).toMatch(/RunPod/);

      // What the public route answers: the older RunPod figures, marked, and no error text.
      const body = await readLivePrices(t.db);
      expect(livePricesResponseSchema.safeParse(body).success).toBe(true);
      expect(
        body.prices.filter((p) => p.provider === "runpod").every((p) => p.stale && p.asOf === t1.toISOString()),
      ).toBe(true);
      expect(body.providers.find((p) => p.provider === "runpod")).toEqual({
        provider: "runpod",
        status: "failed",
        checkedAt: t2.toISOString(),
      });
      expect(JSON.stringify(body)).not.toContain("127.0.0.1");
    } finally {
      process.env.DUMONT_RUNPOD_API_URL = runpodUrl;
    }
  });

  it("keeps the older prices when every provider answers 5xx", async () => {
    await refreshLivePrices(deps);
    const first = await listLivePrices(t.db);
    h.sb.setFaults({ error: 1 });
    const results = await refreshLivePrices(deps);
    expect(results.filter((r) => r.status === "failed").map((r) => r.provider)).toEqual(
      expect.arrayContaining(["runpod", "vastai"]),
    );
    const after = await listLivePrices(t.db);
    expect(after.map((r) => [r.provider, r.gpuModel, r.minPerGpuHourMicros, r.fetchedAt.getTime()])).toEqual(
      first.map((r) => [r.provider, r.gpuModel, r.minPerGpuHourMicros, r.fetchedAt.getTime()]),
    );
    expect(after.every((r) => r.stale)).toBe(true);
  });

  it("treats an empty offer list as a failure, tries the next reader after one fails, and refuses a zero price", async () => {
    const offer = (gpuModel: string, gpuCount: number, micros: number): Offer =>
      ({
        id: `${gpuModel}-${gpuCount}-${micros}`,
        provider: "lambda",
        gpuModel,
        gpuName: gpuModel,
        gpuCount,
        maxGpuCount: gpuCount,
        vramGb: 80,
        pricePerHourMicros: micros,
        stoppedPricePerHourMicros: null,
        priceParts: [],
        listedDiskGb: 0,
        region: "r",
        kind: "vm",
        checkpointCapable: true,
        available: true,
        extra: {},
      }) as Offer;
    const readers = (list: PriceReader[]) => ({
      ...deps,
      providers: ["lambda"] as ProviderSlug[],
      readersFor: async () => list,
    });

    await refreshLivePrices(
      readers([
        { via: "stored-key", listOffers: async () => [offer("H100", 8, 20_000_000), offer("H100", 1, 2_990_000)] },
      ]),
    );
    expect((await byProvider(t, "lambda")).map((r) => [r.gpuModel, r.minPerGpuHourMicros, r.offerCount])).toEqual([
      ["H100", 2_500_000, 2],
    ]);

    const empty = await refreshLivePrices(readers([{ via: "stored-key", listOffers: async () => [] }]));
    expect(empty[0]).toMatchObject({ status: "failed", error: expect.stringContaining("listed no offers") });
    expect((await byProvider(t, "lambda")).map((r) => r.minPerGpuHourMicros)).toEqual([2_500_000]);

    const second = await refreshLivePrices(
      readers([
        { via: "stored-key", listOffers: async () => Promise.reject(new Error("key revoked")) },
        { via: "stored-key", listOffers: async () => [offer("A100", 1, 1_290_000)] },
      ]),
    );
    expect(second[0]).toMatchObject({ status: "ok", models: 1 });
    // A successful read replaces the provider's rows: H100 is no longer listed.
    expect((await byProvider(t, "lambda")).map((r) => [r.gpuModel, r.minPerGpuHourMicros])).toEqual([
      ["A100", 1_290_000],
    ]);

    await expect(
      replaceLivePrices(
        t.db,
        "lambda",
        [{ gpuModel: "H100", minPerGpuHourMicros: 0, offerCount: 1 }],
        new Date(),
        "public",
      ),
    ).rejects.toThrow(/positive/);
    expect((await byProvider(t, "lambda")).map((r) => r.gpuModel)).toEqual(["A100"]);
  });

  it("reads Vast.ai and RunPod without sending any key outside sandbox mode", async () => {
    const seen: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ offers: [] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const vastUrl = process.env.DUMONT_VASTAI_API_URL;
    process.env.DUMONT_VASTAI_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v0`;
    try {
      const readers = await defaultPriceReaders(t.db, { sandbox: false, adapterOptions: FAST })("vastai");
      expect(readers.map((r) => r.via)).toEqual(["public"]);
      await readers[0]!.listOffers().catch(() => undefined);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((a) => a === undefined)).toBe(true);
      expect(await defaultPriceReaders(t.db, { sandbox: false })("hostkey")).toEqual([]);
    } finally {
      process.env.DUMONT_VASTAI_API_URL = vastUrl;
      await new Promise((r) => server.close(r));
    }
  });

  it("refreshes at start-up only when nobody did within the period", async () => {
    let reads = 0;
    const counting: RefreshDeps = {
      ...deps,
      providers: ["vastai"],
      readersFor: async (p) =>
        (await deps.readersFor(p)).map((r) => ({
          ...r,
          listOffers: () => {
            reads++;
            return r.listOffers();
          },
        })),
    };
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await refreshIfStale({ ...counting, now: () => t0 }, 900)).not.toBeNull();
    expect(reads).toBe(1);
    expect(await refreshIfStale({ ...counting, now: () => new Date(t0.getTime() + 10 * 60_000) }, 900)).toBeNull();
    expect(reads).toBe(1);
    expect(await refreshIfStale({ ...counting, now: () => new Date(t0.getTime() + 16 * 60_000) }, 900)).not.toBeNull();
    expect(reads).toBe(2);
  });
});

describe.each(await availableDrivers())("two refreshes at once on %s", (driver) => {
  const t = useTestDb(driver);

  it("both succeed and leave one row per model (two processes' slots may overlap)", async () => {
    const offers = [
      {
        id: "a",
        provider: "vastai",
        gpuModel: "H100",
        gpuName: "H100",
        gpuCount: 1,
        maxGpuCount: 1,
        vramGb: 80,
        pricePerHourMicros: 2_000_000,
        stoppedPricePerHourMicros: null,
        priceParts: [],
        listedDiskGb: 0,
        region: "r",
        kind: "vm",
        checkpointCapable: true,
        available: true,
        extra: {},
      },
    ] as Offer[];
    const deps: RefreshDeps = {
      db: t.db,
      providers: ["vastai"],
      readersFor: async () => [{ via: "public", listOffers: async () => offers }],
    };
    for (let i = 0; i < 5; i++) {
      const results = await Promise.all([refreshLivePrices(deps), refreshLivePrices(deps), refreshLivePrices(deps)]);
      expect(results.flat().map((r) => r.status)).toEqual(["ok", "ok", "ok"]);
    }
    expect((await listLivePrices(t.db)).map((r) => [r.provider, r.gpuModel, r.minPerGpuHourMicros, r.stale])).toEqual([
      ["vastai", "H100", 2_000_000, false],
    ]);
  });
});
