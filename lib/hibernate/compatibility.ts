import type { HibernationRow } from "@/db/queries/hibernations";
import type { Offer } from "@/lib/providers/types";

/** Why an offer cannot take a hibernated image, in words; null when it can. */
export function offerRefusal(
  h: Pick<HibernationRow, "gpuModel" | "gpuCount" | "driverVersion">,
  o: Offer,
): string | null {
  if (String(o.gpuModel).toLowerCase() !== h.gpuModel.toLowerCase())
    return `Another GPU model: the image was taken on ${h.gpuModel}, this offer has ${o.gpuModel}. CUDA state restores only onto the same model.`;
  const count = o.maxGpuCount === o.gpuCount ? o.gpuCount : Math.min(h.gpuCount, o.maxGpuCount);
  if (count !== h.gpuCount)
    return `Another GPU count: the image holds ${h.gpuCount} GPU${h.gpuCount === 1 ? "" : "s"}, this offer has ${o.gpuCount}.`;
  if (!o.checkpointCapable) return `cuda-checkpoint and CRIU cannot run on this offer (${o.kind} without root/ptrace).`;
  if (!o.available) return "No capacity right now.";
  const offered = typeof o.extra.driverVersion === "string" ? o.extra.driverVersion : null;
  if (offered && h.driverVersion && compareDrivers(offered, h.driverVersion) < 0)
    return `An older NVIDIA driver: ${offered} here, the image was taken under ${h.driverVersion}. Restore needs the same or a newer driver.`;
  return null;
}

/** Compares "570.133.20"-style versions number by number. */
export function compareDrivers(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
