import "server-only";
import { sandboxEndpoints } from "@/lib/providers/endpoints";

export interface ProviderCharge {
  costMicros: number;
  /** Where the figure comes from, in words for the page ("sandbox charges"). */
  source: string;
}

/**
 * What the providers say each of our machines has cost, keyed by our machine id. In sandbox mode
 * that is the simulator's own meter (GET /_sandbox/charges), which bills by its own clock and so
 * checks our ledger independently. Real providers plug in here: Vast.ai's instance cost fields and
 * HOSTKEY's invoices; our adapters expose neither yet, so outside the
 * sandbox the map is empty and the page shows only our figure. Failures are not the user's problem:
 * the check is skipped (logged) rather than failing the page.
 */
export async function fetchProviderCharges(fetchImpl: typeof fetch = fetch): Promise<Map<string, ProviderCharge>> {
  const out = new Map<string, ProviderCharge>();
  const base = sandboxEndpoints()?.url;
  if (!base) return out;
  try {
    const res = await fetchImpl(`${base}/_sandbox/charges`, { signal: AbortSignal.timeout(3_000), cache: "no-store" });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { instances?: { machineId: string | null; costMicros: number }[] };
    for (const l of body.instances ?? []) {
      if (!l.machineId || !Number.isFinite(l.costMicros)) continue;
      const prev = out.get(l.machineId);
      out.set(l.machineId, {
        costMicros: (prev?.costMicros ?? 0) + Math.round(l.costMicros),
        source: "sandbox charges",
      });
    }
  } catch (e) {
    console.error("[spending:truth]", e instanceof Error ? e.message : e);
  }
  return out;
}
