import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listLivePrices, listLivePriceSources } from "@/db/queries/live-prices";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { useSandbox } from "@/test/providers/harness";
import { setSandboxEndpoints } from "@/lib/providers/endpoints";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { LIVE_PRICE_QUEUE, startLivePriceWorkers } from "./workers";

const h = useSandbox();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The app in sandbox mode: every client aimed at the simulator.
beforeAll(() => setSandboxEndpoints({ url: h.sb.url }));
afterAll(() => setSandboxEndpoints(null));

describe.each(await availableDrivers())("live-price workers on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(driver);
  });
  afterAll(async () => {
    await stopBoss();
    await t?.dispose();
  });

  it("start with a refresh when no prices are stored, and run it as a periodic job on a standard queue", async () => {
    await startLivePriceWorkers();
    // Every provider's outcome recorded (the start-up refresh and the first slot's job may both run: that is safe).
    for (let i = 0; i < 100 && (await listLivePriceSources(t.db)).length < 5; i++) await wait(100);
    const prices = await listLivePrices(t.db);
    expect(prices.some((r) => r.provider === "vastai")).toBe(true);
    expect(prices.some((r) => r.provider === "runpod")).toBe(true);
    const sources = await listLivePriceSources(t.db);
    expect(sources.find((s) => s.provider === "vastai")).toMatchObject({ status: "ok", via: "sandbox" });
    expect(sources.find((s) => s.provider === "tensordock")).toMatchObject({ status: "no-key" });
    expect((await (await getBoss()).getQueue(LIVE_PRICE_QUEUE))?.policy).toBe("standard");
  });
});
