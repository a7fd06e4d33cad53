import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { cheapestPrices, getCatalogProvider, listCatalog, replaceCatalog } from "./catalog";
import { PROVIDERS } from "@/lib/catalog/data";

const drivers = await availableDrivers();

describe.each(drivers)("catalog data layer on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(driver);
  });
  afterAll(async () => t?.dispose());

  it("stores every provider with its evidence, in the brief's order", async () => {
    await replaceCatalog(t.db, PROVIDERS);
    const stored = await listCatalog(t.db);
    expect(stored.map((p) => p.slug)).toEqual([
      "tensordock",
      "hostkey",
      "coreweave",
      "lambda",
      "runpod",
      "vastai",
      "aws-gcp-azure",
    ]);
    const runpod = await getCatalogProvider(t.db, "runpod");
    expect(runpod?.checkpoint.sources[0]?.quote).toBe(
      "This is not possible as it requires privileged docker container",
    );
    expect(await getCatalogProvider(t.db, "nope")).toBeNull();
  });

  it("is idempotent: loading twice leaves one copy", async () => {
    await replaceCatalog(t.db, PROVIDERS);
    await replaceCatalog(t.db, PROVIDERS);
    expect(await listCatalog(t.db)).toHaveLength(7);
    const cheapest = await cheapestPrices(t.db);
    expect(cheapest.find((c) => c.gpu === "H100")?.minMicros).toBe(2_250_000);
    expect(cheapest.find((c) => c.gpu === "RTX 3080")?.minMicros).toBe(120_000);
  });

  it("rolls back a failed load and keeps the old catalog", async () => {
    const broken = [...PROVIDERS, { ...PROVIDERS[0]!, prices: [] }]; // duplicate slug violates the primary key
    await expect(replaceCatalog(t.db, broken)).rejects.toThrow();
    expect(await listCatalog(t.db)).toHaveLength(7);
  });
});
