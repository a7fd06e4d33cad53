import type { Offer } from "@/lib/providers/types";

/**
 * The GPU count and hourly price a deploy of `offer` with `requested` GPUs gets. Vast.ai, Lambda and
 * HOSTKEY sell fixed bundles (the offer's price is for its own count); TensorDock and RunPod price one
 * GPU and scale. Shared by the deploy page (before the click) and the deploy service (what is stored),
 * so the two can never disagree.
 */
export function offerPriceFor(offer: Pick<Offer, "gpuCount" | "maxGpuCount" | "pricePerHourMicros">, requested: number): { gpuCount: number; pricePerHourMicros: number } {
  if (offer.maxGpuCount === offer.gpuCount) return { gpuCount: offer.gpuCount, pricePerHourMicros: offer.pricePerHourMicros };
  const gpuCount = Math.max(1, Math.floor(requested) || 1);
  return { gpuCount, pricePerHourMicros: Math.round((offer.pricePerHourMicros / Math.max(1, offer.gpuCount)) * gpuCount) };
}
