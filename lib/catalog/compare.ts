import { microsToUsd, usdToMicros } from "@/lib/money";
import { PROVIDERS } from "./data";
import { liveFor, NO_LIVE, type LiveIndex, type LiveQuote } from "./live";
import {
  CHECKPOINT_SUPPORT,
  GPU_MODELS,
  type CheckpointSupport,
  type GpuModel,
  type ProviderEntry,
  type Source,
} from "./types";

/** One cell of the comparison: a GPU model at one provider. */
export interface CompareRow {
  id: string;
  providerSlug: string;
  providerName: string;
  gpu: GpuModel;
  vram: string;
  minMicros: number;
  maxMicros: number | null;
  approximate: boolean;
  openEnded: boolean;
  support: CheckpointSupport;
  note?: string;
  source: Source;
  /** Today's lowest price for this provider and GPU model, when the provider could be read. */
  live: LiveQuote | null;
}

/** The price a row is filtered, sorted and compared by: today's where there is one, else the seed's lower end. */
export const priceOf = (r: Pick<CompareRow, "minMicros" | "live">): number => r.live?.perGpuHourMicros ?? r.minMicros;

export type SortKey = "price" | "gpu" | "provider" | "checkpoint";
export type SortDir = "asc" | "desc";

export interface CompareFilters {
  gpus: GpuModel[];
  support: CheckpointSupport[];
  /** Price ceiling per GPU-hour in micro-dollars; rows whose price (priceOf) is above it are hidden. */
  maxPriceMicros: number | null;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_FILTERS: CompareFilters = {
  gpus: [],
  support: [],
  maxPriceMicros: null,
  sort: "price",
  dir: "asc",
};

/**
 * One row per seed price. A live quote is per provider and GPU model, so it joins every seed row of
 * that model (Lambda's A100 40GB and 80GB both show Lambda's cheapest A100 today). Rows are never
 * added for live-only models: the table keeps its shape when the live prices arrive after load.
 */
export function compareRows(providers: ProviderEntry[] = PROVIDERS, live: LiveIndex = NO_LIVE): CompareRow[] {
  return providers.flatMap((p) =>
    p.prices.map((price) => ({
      id: `${p.slug}:${price.gpu}:${price.vram}`,
      providerSlug: p.slug,
      providerName: p.name,
      gpu: price.gpu,
      vram: price.vram,
      minMicros: price.minMicros,
      maxMicros: price.maxMicros,
      approximate: price.approximate,
      openEnded: price.openEnded ?? false,
      support: p.checkpoint.support,
      note: price.note,
      source: price.source,
      live: liveFor(live, p.slug, price.gpu) ?? null,
    })),
  );
}

/** The same rows with today's quotes joined (the browser gets the seed rows prerendered, then the quotes). */
export function withLive(rows: CompareRow[], live: LiveIndex): CompareRow[] {
  return rows.map((r) => ({ ...r, live: liveFor(live, r.providerSlug, r.gpu) ?? null }));
}

// Checkpoint support ordered from most to least usable, for sorting.
const SUPPORT_RANK: Record<CheckpointSupport, number> = { yes: 0, negotiable: 1, expensive: 2, no: 3 };

export function applyFilters(rows: CompareRow[], f: CompareFilters): CompareRow[] {
  const out = rows.filter(
    (r) =>
      (f.gpus.length === 0 || f.gpus.includes(r.gpu)) &&
      (f.support.length === 0 || f.support.includes(r.support)) &&
      (f.maxPriceMicros == null || priceOf(r) <= f.maxPriceMicros),
  );
  const sign = f.dir === "asc" ? 1 : -1;
  const byKey: Record<SortKey, (a: CompareRow, b: CompareRow) => number> = {
    price: (a, b) => priceOf(a) - priceOf(b),
    gpu: (a, b) => GPU_MODELS.indexOf(a.gpu) - GPU_MODELS.indexOf(b.gpu),
    provider: (a, b) => a.providerName.localeCompare(b.providerName),
    checkpoint: (a, b) => SUPPORT_RANK[a.support] - SUPPORT_RANK[b.support],
  };
  // Ties fall back to price, then provider, so the order is stable and predictable.
  return out.sort(
    (a, b) => sign * byKey[f.sort](a, b) || priceOf(a) - priceOf(b) || a.providerName.localeCompare(b.providerName),
  );
}

/** The lowest price per GPU model among the given rows: the cells that should stand out. */
export function cheapestByGpu(rows: CompareRow[]): Map<GpuModel, number> {
  const best = new Map<GpuModel, number>();
  for (const r of rows) {
    const cur = best.get(r.gpu);
    if (cur === undefined || priceOf(r) < cur) best.set(r.gpu, priceOf(r));
  }
  return best;
}

type ParamsLike = { get(name: string): string | null };

/** Reads filters from the URL (`?gpu=H100,A100&checkpoint=yes&max=3&sort=price&dir=asc`); bad values are ignored. */
export function parseFilters(params: ParamsLike): CompareFilters {
  const list = (name: string) =>
    (params.get(name) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const gpus = list("gpu").filter((g): g is GpuModel => (GPU_MODELS as readonly string[]).includes(g));
  const support = list("checkpoint").filter((s): s is CheckpointSupport =>
    (CHECKPOINT_SUPPORT as readonly string[]).includes(s),
  );
  const maxRaw = Number(params.get("max"));
  const maxPriceMicros = params.get("max") && Number.isFinite(maxRaw) && maxRaw > 0 ? usdToMicros(maxRaw) : null;
  const sortRaw = params.get("sort");
  const sort: SortKey = sortRaw === "gpu" || sortRaw === "provider" || sortRaw === "checkpoint" ? sortRaw : "price";
  const dir: SortDir = params.get("dir") === "desc" ? "desc" : "asc";
  return { gpus, support, maxPriceMicros, sort, dir };
}

/** The inverse of parseFilters: defaults are left out so a plain view has a plain URL. */
export function serializeFilters(f: CompareFilters): string {
  const q = new URLSearchParams();
  if (f.gpus.length) q.set("gpu", f.gpus.join(","));
  if (f.support.length) q.set("checkpoint", f.support.join(","));
  if (f.maxPriceMicros != null) q.set("max", String(microsToUsd(f.maxPriceMicros)));
  if (f.sort !== "price") q.set("sort", f.sort);
  if (f.dir !== "asc") q.set("dir", f.dir);
  const s = q.toString();
  return s ? `?${s}` : "";
}
