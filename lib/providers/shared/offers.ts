// Offer filtering shared by all adapters, applied after each provider's own server-side filters.

import type { Instance, Offer, OfferFilter, ProviderAdapter } from "../types";
import { gpuMatches } from "./gpu-model";

export function applyOfferFilter(offers: Offer[], filter: OfferFilter = {}): Offer[] {
  return offers
    .filter((o) => filter.includeUnavailable || o.available)
    .filter((o) => !filter.gpuModel || gpuMatches(o.gpuModel, o.gpuName, filter.gpuModel))
    .filter((o) => !filter.minGpuCount || o.maxGpuCount >= filter.minGpuCount)
    .filter((o) => !filter.region || o.region.toLowerCase() === filter.region.toLowerCase())
    .filter((o) => !filter.kind || o.kind === filter.kind)
    .filter((o) => filter.checkpointCapable === undefined || o.checkpointCapable === filter.checkpointCapable)
    .sort((a, b) => a.pricePerHourMicros - b.pricePerHourMicros);
}

/**
 * After a create failed with outcomeUnknown: the instance we may have ordered, found by the machine
 * id in its name, or null. Destroyed ones are skipped so a retry after cleanup can order again.
 */
export async function findInstanceByMachineId(adapter: ProviderAdapter, machineId: string): Promise<Instance | null> {
  const all = await adapter.listInstances();
  return all.find((i) => i.machineId === machineId && i.status !== "destroyed") ?? null;
}
