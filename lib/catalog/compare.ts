import { PROVIDERS } from "./data";
import { CHECKPOINT_SUPPORT, GPU_MODELS, type CheckpointSupport, type GpuModel, type ProviderEntry, type Source } from "./types";

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
}

export type SortKey = "price" | "gpu" | "provider" | "checkpoint";
export type SortDir = "asc" | "desc";

export interface CompareFilters {
  gpus: GpuModel[];
  support: CheckpointSupport[];
  /** Price ceiling per GPU-hour in micro-dollars; rows whose lowest price is above it are hidden. */
  maxPriceMicros: number | null;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_FILTERS: CompareFilters = { gpus: [], support: [], maxPriceMicros: null, sort: "price", dir: "asc" };

export function compareRows(providers: ProviderEntry[] = PROVIDERS): CompareRow[] {
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
    })),
  );
}

// Checkpoint support ordered from most to least usable, for sorting.
const SUPPORT_RANK: Record<CheckpointSupport, number> = { yes: 0, negotiable: 1, expensive: 2, no: 3 };

export function applyFilters(rows: CompareRow[], f: CompareFilters): CompareRow[] {
  const out = rows.filter(
    (r) =>
      (f.gpus.length === 0 || f.gpus.includes(r.gpu)) &&
      (f.support.length === 0 || f.support.includes(r.support)) &&
      (f.maxPriceMicros == null || r.minMicros <= f.maxPriceMicros),
  );
  const sign = f.dir === "asc" ? 1 : -1;
  const byKey: Record<SortKey, (a: CompareRow, b: CompareRow) => number> = {
    price: (a, b) => a.minMicros - b.minMicros,
    gpu: (a, b) => GPU_MODELS.indexOf(a.gpu) - GPU_MODELS.indexOf(b.gpu),
    provider: (a, b) => a.providerName.localeCompare(b.providerName),
    checkpoint: (a, b) => SUPPORT_RANK[a.support] - SUPPORT_RANK[b.support],
  };
  // Ties fall back to price, then provider, so the order is stable and predictable.
  return out.sort(
    (a, b) => sign * byKey[f.sort](a, b) || a.minMicros - b.minMicros || a.providerName.localeCompare(b.providerName),
  );
}

/** The lowest price per GPU model among the given rows: the cells that should stand out. */
export function cheapestByGpu(rows: CompareRow[]): Map<GpuModel, number> {
  const best = new Map<GpuModel, number>();
  for (const r of rows) {
    const cur = best.get(r.gpu);
    if (cur === undefined || r.minMicros < cur) best.set(r.gpu, r.minMicros);
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
  const support = list("checkpoint").filter((s): s is CheckpointSupport => (CHECKPOINT_SUPPORT as readonly string[]).includes(s));
  const maxRaw = Number(params.get("max"));
  const maxPriceMicros = params.get("max") && Number.isFinite(maxRaw) && maxRaw > 0 ? Math.round(maxRaw * 1_000_000) : null;
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
  if (f.maxPriceMicros != null) q.set("max", String(f.maxPriceMicros / 1_000_000));
  if (f.sort !== "price") q.set("sort", f.sort);
  if (f.dir !== "asc") q.set("dir", f.dir);
  const s = q.toString();
  return s ? `?${s}` : "";
}
