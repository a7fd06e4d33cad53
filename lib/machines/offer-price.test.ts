import { describe, expect, it } from "vitest";
import { offerPriceFor } from "./offer-price";

describe("offer price for a GPU count", () => {
  it("scales a per-GPU offer (TensorDock, RunPod)", () => {
    // $2.25 per H100, 3 GPUs = $6.75
    expect(offerPriceFor({ gpuCount: 1, maxGpuCount: 8, pricePerHourMicros: 2_250_000 }, 3)).toEqual({ gpuCount: 3, pricePerHourMicros: 6_750_000 });
  });
  it("keeps a fixed bundle's own count and price, whatever was asked (Lambda, Vast.ai, HOSTKEY)", () => {
    expect(offerPriceFor({ gpuCount: 8, maxGpuCount: 8, pricePerHourMicros: 23_920_000 }, 1)).toEqual({ gpuCount: 8, pricePerHourMicros: 23_920_000 });
  });
  it("treats a missing or broken count as one GPU", () => {
    expect(offerPriceFor({ gpuCount: 1, maxGpuCount: 4, pricePerHourMicros: 350_000 }, Number.NaN)).toEqual({ gpuCount: 1, pricePerHourMicros: 350_000 });
  });
});
