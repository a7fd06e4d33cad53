import { describe, expect, it } from "vitest";
import type { PricePart } from "@/lib/providers/types";
import { offerPriceFor } from "./offer-price";

const gpu = (rateMicros: number): PricePart => ({ label: "GPU", rateMicros, per: "gpu", whileStopped: false });
const disk = (rateMicros: number): PricePart => ({ label: "disk", rateMicros, per: "disk-gb", whileStopped: true });
const bundle = (rateMicros: number): PricePart => ({
  label: "8× H100",
  rateMicros,
  per: "instance",
  whileStopped: false,
});

describe("offer price for a GPU count and a disk size", () => {
  it("scales a per-GPU offer and its vCPU/RAM with the count, and its disk with the size (TensorDock, RunPod)", () => {
    const parts = [
      gpu(2_250_000),
      { label: "vCPU", rateMicros: 30_000, per: "gpu" as const, whileStopped: false },
      disk(50),
    ];
    const offer = {
      gpuCount: 1,
      maxGpuCount: 8,
      pricePerHourMicros: 2_285_000,
      stoppedPricePerHourMicros: 5_000,
      priceParts: parts,
      listedDiskGb: 100,
    };
    // 3 GPUs × ($2.25 + $0.03) + 200 GB × $0.00005 = $6.84 + $0.01
    expect(offerPriceFor(offer, 3, 200)).toEqual({
      gpuCount: 3,
      pricePerHourMicros: 6_850_000,
      stoppedPricePerHourMicros: 10_000,
      parts: [
        { label: "GPU", pricePerHourMicros: 6_750_000, whileStopped: false },
        { label: "vCPU", pricePerHourMicros: 90_000, whileStopped: false },
        { label: "disk", pricePerHourMicros: 10_000, whileStopped: true },
      ],
    });
  });

  it("keeps a fixed bundle's own count and price, whatever was asked (Lambda, Vast.ai, HOSTKEY)", () => {
    const offer = {
      gpuCount: 8,
      maxGpuCount: 8,
      pricePerHourMicros: 23_920_000,
      stoppedPricePerHourMicros: null,
      priceParts: [bundle(23_920_000)],
      listedDiskGb: 100,
    };
    expect(offerPriceFor(offer, 1, 500)).toMatchObject({
      gpuCount: 8,
      pricePerHourMicros: 23_920_000,
      stoppedPricePerHourMicros: null,
    });
  });

  it("treats a missing or broken count as one GPU and a missing disk as the listed disk", () => {
    const offer = {
      gpuCount: 1,
      maxGpuCount: 4,
      pricePerHourMicros: 355_000,
      stoppedPricePerHourMicros: 5_000,
      priceParts: [gpu(350_000), disk(50)],
      listedDiskGb: 100,
    };
    expect(offerPriceFor(offer, Number.NaN)).toMatchObject({
      gpuCount: 1,
      pricePerHourMicros: 355_000,
      stoppedPricePerHourMicros: 5_000,
    });
    expect(offerPriceFor(offer, 1, Number.NaN).pricePerHourMicros).toBe(355_000);
  });
});
