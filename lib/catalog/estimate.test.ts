import { describe, expect, it } from "vitest";
import { estimateAll, validateEstimate } from "./estimate";
import { basisLabel, indexLive } from "./live";

const base = { gpu: "H100" as const, count: 1, hoursRunning: 100, hoursPaused: 0, diskGb: 100 };

describe("cost estimator", () => {
  it("multiplies the hourly price by count and hours, in micro-dollars", () => {
    const td = estimateAll({ ...base, count: 2 }).find((e) => e.providerSlug === "tensordock")!;
    expect(td.running).toEqual({ min: 450_000_000, max: 450_000_000 }); // 2 × $2.25 × 100 h
    expect(td.total).toEqual(td.running);
  });

  it("shows TensorDock's paused billing as a 10-20% range, not a guess", () => {
    const td = estimateAll({ ...base, hoursRunning: 100, hoursPaused: 200 }).find(
      (e) => e.providerSlug === "tensordock",
    )!;
    // $2.25 × 200 h × 10% = $45 ; × 20% = $90
    expect(td.paused).toEqual({ min: 45_000_000, max: 90_000_000 });
    expect(td.total).toEqual({ min: 270_000_000, max: 315_000_000 });
  });

  it("bills Lambda's paused hours in full because it cannot stop", () => {
    const l = estimateAll({ ...base, hoursRunning: 10, hoursPaused: 10 }).find((e) => e.providerSlug === "lambda")!;
    expect(l.paused).toEqual({ min: 29_900_000, max: 32_900_000 }); // $2.99-3.29 × 10 h
    expect(l.pausedNote).toMatch(/Cannot stop/);
  });

  it("bills RunPod's stopped volume per GB-month", () => {
    const r = estimateAll({ ...base, hoursRunning: 0, hoursPaused: 730, diskGb: 50 }).find(
      (e) => e.providerSlug === "runpod",
    )!;
    expect(r.paused).toEqual({ min: 10_000_000, max: 10_000_000 }); // 50 GB × $0.20 for a whole month
  });

  it("marks a total as a lower bound when the paused price is unknown", () => {
    const v = estimateAll({ ...base, hoursPaused: 5 }).find((e) => e.providerSlug === "vastai")!;
    expect(v.paused).toBeNull();
    expect(v.atLeast).toBe(true);
    expect(v.total).toEqual({ min: 250_000_000, max: 350_000_000 });
  });

  it("ranks cheapest first and leaves out providers without the GPU", () => {
    const all = estimateAll({ ...base, gpu: "V100" });
    expect(all.map((e) => e.providerSlug)).toEqual(["tensordock"]);
    const h100 = estimateAll(base);
    expect(h100[0]!.providerSlug).toBe("tensordock");
  });

  it("rejects impossible inputs with a message per field", () => {
    expect(validateEstimate({ ...base, count: 0 })[0]!.field).toBe("count");
    expect(validateEstimate({ ...base, hoursRunning: 500, hoursPaused: 300 })).toEqual([
      { field: "hoursPaused", message: "Running plus paused hours cannot exceed 744 in a month." },
    ]);
    expect(validateEstimate({ ...base, hoursRunning: Number.NaN })[0]!.field).toBe("hoursRunning");
    expect(validateEstimate(base)).toEqual([]);
  });
});

describe("cost estimator with live prices", () => {
  const asOf = "2030-05-01T14:05:00.000Z";
  const live = indexLive([
    { provider: "tensordock", gpu: "H100", perGpuHourMicros: 2_000_000, offers: 3, asOf, stale: false },
    { provider: "vastai", gpu: "V100", perGpuHourMicros: 300_000, offers: 12, asOf, stale: true },
  ]);

  it("uses today's price where there is one, says so, and keeps the seed's beside it", () => {
    const td = estimateAll({ ...base, count: 2, hoursPaused: 200 }, undefined, live).find(
      (e) => e.providerSlug === "tensordock",
    )!;
    expect(td.running).toEqual({ min: 400_000_000, max: 400_000_000 }); // 2 × $2.00 × 100 h
    // The paused fraction applies to today's price: $2.00 × 2 × 200 h × 10-20%.
    expect(td.paused).toEqual({ min: 80_000_000, max: 160_000_000 });
    expect(td.hourlyPerGpu).toEqual({ min: 2_000_000, max: 2_000_000 });
    expect(td.basis).toEqual({ kind: "live", asOf, offers: 3, stale: false });
    expect(basisLabel(td.basis)).toBe("live, as of 2030-05-01 14:05 UTC");
    expect(td.seed).toEqual({ minMicros: 2_250_000, maxMicros: null, approximate: false, date: "2024-12" });
  });

  it("keeps the seed price, with its date, for providers without a live one", () => {
    const l = estimateAll(base, undefined, live).find((e) => e.providerSlug === "lambda")!;
    expect(l.running).toEqual({ min: 299_000_000, max: 329_000_000 });
    expect(l.basis).toMatchObject({ kind: "seed", date: "2024-12" });
    expect(basisLabel(l.basis)).toBe("seed, 2024-12");
  });

  it("estimates a GPU the seed does not list at a provider when it is live there, and marks an older figure", () => {
    const v100 = estimateAll({ ...base, gpu: "V100" }, undefined, live);
    expect(v100.map((e) => e.providerSlug)).toEqual(["vastai", "tensordock"]);
    expect(v100[0]!.running).toEqual({ min: 30_000_000, max: 30_000_000 });
    expect(v100[0]!.seed).toBeNull();
    expect(basisLabel(v100[0]!.basis)).toBe("live, as of 2030-05-01 14:05 UTC (not refreshed since)");
  });

  it("a live price is one figure, so the estimate is no longer approximate", () => {
    const live2 = indexLive([
      { provider: "vastai", gpu: "H100", perGpuHourMicros: 2_700_000, offers: 5, asOf, stale: false },
    ]);
    const v = estimateAll(base, undefined, live2).find((e) => e.providerSlug === "vastai")!;
    expect(v.approximate).toBe(false);
    expect(v.total).toEqual({ min: 270_000_000, max: 270_000_000 });
  });
});
