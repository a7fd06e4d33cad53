import { describe, expect, it } from "vitest";
import { estimateAll, validateEstimate } from "./estimate";

const base = { gpu: "H100" as const, count: 1, hoursRunning: 100, hoursPaused: 0, diskGb: 100 };

describe("cost estimator", () => {
  it("multiplies the hourly price by count and hours, in micro-dollars", () => {
    const td = estimateAll({ ...base, count: 2 }).find((e) => e.providerSlug === "tensordock")!;
    expect(td.running).toEqual({ min: 450_000_000, max: 450_000_000 }); // 2 × $2.25 × 100 h
    expect(td.total).toEqual(td.running);
  });

  it("shows TensorDock's paused billing as a 10-20% range, not a guess", () => {
    const td = estimateAll({ ...base, hoursRunning: 100, hoursPaused: 200 }).find((e) => e.providerSlug === "tensordock")!;
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
    const r = estimateAll({ ...base, hoursRunning: 0, hoursPaused: 730, diskGb: 50 }).find((e) => e.providerSlug === "runpod")!;
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
