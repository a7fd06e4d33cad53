// Many offers → one figure per GPU model: the lowest price per GPU-hour, and how many offers there were.

import { GPU_MODELS, type GpuModel } from "@/lib/catalog/types";
import { normalizeGpuModel } from "@/lib/providers/shared/gpu-model";
import type { Offer } from "@/lib/providers/types";

export interface ReducedPrice {
  gpuModel: GpuModel;
  /** Micro-dollars, a positive integer. */
  minPerGpuHourMicros: number;
  offerCount: number;
}

const CATALOG_MODELS: ReadonlySet<string> = new Set(GPU_MODELS);

/**
 * Per catalog GPU model, the cheapest offer's price per GPU-hour: its whole hourly price (every billed
 * part at the listed disk, what a renter actually pays) divided by its GPU count, so an 8-GPU bundle
 * and a single GPU compare per GPU like the seed prices do. Models outside the catalog are left out
 * (the comparison has no row for them; GET /api/v1/offers lists everything). Offers without stock,
 * without GPUs or with a price that is not positive are skipped: they say nothing about today's price.
 */
export function reduceOffers(
  offers: readonly Pick<Offer, "gpuModel" | "gpuName" | "gpuCount" | "pricePerHourMicros" | "available">[],
): ReducedPrice[] {
  const by = new Map<GpuModel, ReducedPrice>();
  for (const o of offers) {
    if (
      o.available === false ||
      !(o.gpuCount >= 1) ||
      !Number.isFinite(o.pricePerHourMicros) ||
      o.pricePerHourMicros <= 0
    )
      continue;
    // Adapters already normalize; a raw name they left (or a differently spelled one) gets a second chance.
    const model = CATALOG_MODELS.has(o.gpuModel) ? o.gpuModel : normalizeGpuModel(o.gpuName);
    if (!CATALOG_MODELS.has(model)) continue;
    const perGpu = Math.max(1, Math.round(o.pricePerHourMicros / o.gpuCount));
    const cur = by.get(model as GpuModel);
    if (!cur) by.set(model as GpuModel, { gpuModel: model as GpuModel, minPerGpuHourMicros: perGpu, offerCount: 1 });
    else {
      cur.offerCount++;
      if (perGpu < cur.minPerGpuHourMicros) cur.minPerGpuHourMicros = perGpu;
    }
  }
  return GPU_MODELS.flatMap((m) => (by.has(m) ? [by.get(m)!] : []));
}
