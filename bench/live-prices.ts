import type { Offer, ProviderSlug } from "@/lib/providers/types";
import { onEachDriver } from "./scratch-db";
import { timeIt } from "./timing";
import { row, type BenchRow } from "./types";

// Live prices: one refresh (reduce + store) of 1,000 offers spread over the five providers, on PGlite
// and on Postgres, against storing the same 1,000 offers row by row (what keeping every offer would
// cost). The offers come from a stub adapter so the figure is the app's own work, not the network's.
// Needs the react-server condition for the app's server modules (tsx --conditions=react-server).

const OFFERS = 1_000;
const RUNS = 9;
const PROVIDERS: ProviderSlug[] = ["tensordock", "vastai", "runpod", "lambda", "hostkey"];
const MODELS = ["RTX 3080", "RTX 3090", "RTX 4090", "V100", "A100", "H100", "RTX 3060", "L40S"];

/** 1,000 offers: 200 per provider over eight models (two outside the catalog), 1-8 GPUs, varied prices. */
export function benchOffers(): Map<ProviderSlug, Offer[]> {
  const out = new Map<ProviderSlug, Offer[]>(PROVIDERS.map((p) => [p, []]));
  for (let i = 0; i < OFFERS; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length]!;
    const model = MODELS[(i * 7) % MODELS.length]!;
    const gpuCount = [1, 1, 2, 4, 8][i % 5]!;
    const perGpu = 100_000 + ((i * 7919) % 3_000_000);
    out.get(provider)!.push({
      id: `bench-${i}`,
      provider,
      gpuModel: model,
      gpuName: `NVIDIA ${model}`,
      gpuCount,
      maxGpuCount: gpuCount,
      vramGb: 24,
      pricePerHourMicros: perGpu * gpuCount,
      stoppedPricePerHourMicros: null,
      priceParts: [{ label: "GPU", rateMicros: perGpu, per: "gpu", whileStopped: false }],
      listedDiskGb: 0,
      region: "bench",
      kind: "vm",
      checkpointCapable: true,
      available: true,
      extra: {},
    });
  }
  return out;
}

async function measure(driver: "postgres" | "pglite", rows: BenchRow[]) {
  const { getDb, getHandle, closeDb } = await import("@/db");
  const { migrate } = await import("@/db/migrate");
  const { refreshLivePrices } = await import("@/lib/live-prices/refresh");
  await getHandle();
  await migrate();
  const h = await getHandle();
  const db = await getDb();
  const offers = benchOffers();
  const deps = {
    db,
    readersFor: async (p: ProviderSlug) => [{ via: "public" as const, listOffers: async () => offers.get(p)! }],
  };

  const refreshMs = await timeIt(async () => {
    const r = await refreshLivePrices(deps);
    if (r.some((x) => x.status !== "ok")) throw new Error(`refresh failed: ${JSON.stringify(r)}`);
  }, RUNS);

  // The comparison: the same offers kept one row each, inserted one by one (as a naive refresh would).
  const table = `bench_live_offers_${Date.now().toString(36)}`;
  await h.exec(
    `create table ${table} (provider text not null, offer_id text not null, gpu_model text not null, per_gpu_hour_micros bigint not null, fetched_at timestamptz not null, primary key (provider, offer_id))`,
  );
  const all = [...offers.values()].flat();
  const rowByRowMs = await timeIt(async () => {
    const at = new Date().toISOString();
    await h.exec(`delete from ${table}`);
    for (const o of all)
      await h.query(
        `insert into ${table} (provider, offer_id, gpu_model, per_gpu_hour_micros, fetched_at) values ($1, $2, $3, $4, $5)`,
        [o.provider, o.id, o.gpuModel, Math.round(o.pricePerHourMicros / o.gpuCount), at],
      );
  }, 3);
  await h.exec(`drop table ${table}`);

  const label = driver === "postgres" ? "Postgres" : "PGlite";
  const stored = (await h.query("select count(*)::int as n from live_prices", [])).rows[0] as { n: number };
  rows.push(
    row({
      issue: "live prices",
      name: `live-price refresh for 1,000 offers, ${label}`,
      value: Math.round(refreshMs * 10) / 10,
      unit: "ms",
      versus: "the same offers stored row by row",
      versusValue: Math.round(rowByRowMs * 10) / 10,
      note: `reduce to ${stored.n} rows (lowest per provider and GPU model) + one transaction per provider, five providers side by side; median of ${RUNS} (row by row: median of 3)`,
    }),
  );
  await closeDb();
}

export async function benchLivePrices(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await onEachDriver("lp", (driver) => measure(driver, rows));
  return rows;
}
