// What an offer bills, part by part. A provider's headline GPU price is rarely the whole bill:
// TensorDock adds vCPU, RAM and storage; Vast.ai adds the disk; RunPod bills a volume while stopped.
// Each adapter lists every billed part, so the deploy page, the stored machine and spending all
// start from the same numbers.

export type PricePartUnit = "instance" | "gpu" | "disk-gb";

export interface PricePart {
  /** What is billed, for people ("GPU", "8 vCPU", "32 GB RAM", "disk"). */
  label: string;
  /** Micro-dollars per hour per unit. Per-GB disk rates are rounded to whole micro-dollars
   *  (at most 0.5 µ$ per GB-hour off, under $0.0004/month on 1 TB). */
  rateMicros: number;
  /** What the rate multiplies: the whole instance, each GPU ordered, or each GB of disk ordered. */
  per: PricePartUnit;
  /** Still billed while the instance is stopped (disks, volumes). */
  whileStopped: boolean;
}

/** One part with its units resolved for a given order: what the machine page shows. */
export interface PricedPart {
  label: string;
  pricePerHourMicros: number;
  whileStopped: boolean;
}

export interface OrderShape {
  gpuCount: number;
  diskGb: number;
}

function units(per: PricePartUnit, o: OrderShape): number {
  if (per === "gpu") return o.gpuCount;
  if (per === "disk-gb") return o.diskGb;
  return 1;
}

export function pricedParts(parts: readonly PricePart[], o: OrderShape): PricedPart[] {
  return parts.map((p) => ({
    label: p.label,
    pricePerHourMicros: Math.round(p.rateMicros * units(p.per, o)),
    whileStopped: p.whileStopped,
  }));
}

/** Running and stopped hourly price of an order, in integer micro-dollars. */
export function priceOfOrder(
  parts: readonly PricePart[],
  o: OrderShape,
): { runningMicros: number; stoppedMicros: number } {
  const priced = pricedParts(parts, o);
  return {
    runningMicros: priced.reduce((s, p) => s + p.pricePerHourMicros, 0),
    stoppedMicros: priced.filter((p) => p.whileStopped).reduce((s, p) => s + p.pricePerHourMicros, 0),
  };
}
