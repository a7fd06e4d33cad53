import { describe, expect, it } from "vitest";
import { reduceOffers } from "./reduce";

const o = (
  gpuModel: string,
  gpuCount: number,
  pricePerHourMicros: number,
  extra: { gpuName?: string; available?: boolean } = {},
) => ({
  gpuModel,
  gpuName: extra.gpuName ?? gpuModel,
  gpuCount,
  pricePerHourMicros,
  available: extra.available ?? true,
});

describe("reducing offers to one price per GPU model", () => {
  it("keeps the lowest price per GPU-hour per model, dividing bundles by their GPU count, and counts the offers", () => {
    const out = reduceOffers([
      o("H100", 1, 2_600_000),
      o("H100", 8, 19_200_000), // $2.40 per GPU: the cheapest H100
      o("H100", 2, 5_000_000),
      o("RTX 4090", 2, 740_000),
      o("RTX 4090", 1, 380_000),
    ]);
    expect(out).toEqual([
      { gpuModel: "RTX 4090", minPerGpuHourMicros: 370_000, offerCount: 2 },
      { gpuModel: "H100", minPerGpuHourMicros: 2_400_000, offerCount: 3 },
    ]);
  });

  it("rounds to whole micro-dollars", () => {
    expect(reduceOffers([o("A100", 3, 1_000_000)])).toEqual([
      { gpuModel: "A100", minPerGpuHourMicros: 333_333, offerCount: 1 },
    ]);
  });

  it("normalizes a raw name the adapter left, and leaves out models outside the catalog", () => {
    const out = reduceOffers([
      o("NVIDIA H100 80GB HBM3", 1, 3_000_000),
      o("gpu_1x_a10", 1, 750_000, { gpuName: "A10 (24 GB PCIe)" }),
      o("RTX 3060", 1, 50_000),
    ]);
    expect(out).toEqual([{ gpuModel: "H100", minPerGpuHourMicros: 3_000_000, offerCount: 1 }]);
  });

  it("skips offers without stock, without GPUs or without a positive price: never a zero price", () => {
    const out = reduceOffers([
      o("V100", 1, 0),
      o("V100", 0, 400_000),
      o("V100", 1, 100_000, { available: false }),
      o("V100", 1, Number.NaN),
      o("V100", 1, 450_000),
    ]);
    expect(out).toEqual([{ gpuModel: "V100", minPerGpuHourMicros: 450_000, offerCount: 1 }]);
    expect(reduceOffers([o("V100", 1, 0)])).toEqual([]);
  });
});
