import { priceOfOrder, pricedParts, type PricedPart } from "./price-parts";
import type { Offer } from "../types";

export interface OrderPrice {
  gpuCount: number;
  /** Every billed part at this GPU count and disk size. */
  pricePerHourMicros: number;
  /** What it still bills stopped; null when the provider cannot stop it or does not say. */
  stoppedPricePerHourMicros: number | null;
  parts: PricedPart[];
}

type PricedOffer = Pick<
  Offer,
  "gpuCount" | "maxGpuCount" | "pricePerHourMicros" | "stoppedPricePerHourMicros" | "priceParts" | "listedDiskGb"
>;

/**
 * The GPU count and hourly prices a deploy of `offer` with `requested` GPUs and `diskGb` of disk gets.
 * Vast.ai, Lambda and HOSTKEY sell fixed bundles (the offer's own count); TensorDock and RunPod price
 * per GPU and scale. Shared by the deploy page (before the click) and the deploy service (what is
 * stored), so the two can never disagree.
 */
export function offerPriceFor(offer: PricedOffer, requested: number, diskGb?: number): OrderPrice {
  const fixed = offer.maxGpuCount === offer.gpuCount;
  const gpuCount = fixed ? offer.gpuCount : Math.max(1, Math.floor(requested) || 1);
  const disk = Number.isFinite(diskGb) && diskGb! > 0 ? Math.floor(diskGb!) : offer.listedDiskGb;
  const shape = { gpuCount, diskGb: disk };
  const { runningMicros, stoppedMicros } = priceOfOrder(offer.priceParts, shape);
  return {
    gpuCount,
    pricePerHourMicros: runningMicros,
    stoppedPricePerHourMicros: offer.stoppedPricePerHourMicros === null ? null : stoppedMicros,
    parts: pricedParts(offer.priceParts, shape),
  };
}
