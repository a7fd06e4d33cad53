import { HOURS_PER_MONTH, microsToUsd } from "@/lib/money";
import { PROVIDERS } from "./data";
import { liveBasis, liveFor, NO_LIVE, seedBasis, type LiveIndex, type PriceBasis } from "./live";
import type { GpuModel, PausedModel, ProviderEntry } from "./types";

export const MAX_HOURS_PER_MONTH = 744; // 31 days

export interface EstimateInput {
  gpu: GpuModel;
  count: number;
  hoursRunning: number;
  hoursPaused: number;
  /** Disk kept while paused, for providers that bill stopped storage per GB (RunPod). */
  diskGb: number;
}

/** A money range in micro-dollars; min === max when exact. */
export interface Range {
  min: number;
  max: number;
}

export interface ProviderEstimate {
  providerSlug: string;
  providerName: string;
  vram: string;
  running: Range;
  /** Null when the paused cost cannot be known from the catalog; `pausedNote` says why. */
  paused: Range | null;
  pausedNote: string;
  /** Running + paused; when paused is unknown this is a lower bound (`atLeast`). */
  total: Range;
  atLeast: boolean;
  approximate: boolean;
  /** The price per GPU-hour the estimate multiplies (a range where the seed gives one). */
  hourlyPerGpu: Range;
  /** Where that price comes from: today's live price, or the seed with its date. */
  basis: PriceBasis;
  /** The seed's price for the same GPU, shown beside a live one; null when the seed lists none. */
  seed: { minMicros: number; maxMicros: number | null; approximate: boolean; date: string | null } | null;
}

export type EstimateError = { field: keyof EstimateInput; message: string };

export function validateEstimate(input: EstimateInput): EstimateError[] {
  const errors: EstimateError[] = [];
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 8)
    errors.push({ field: "count", message: "GPU count must be a whole number from 1 to 8." });
  for (const field of ["hoursRunning", "hoursPaused"] as const) {
    const v = input[field];
    if (!Number.isFinite(v) || v < 0 || v > MAX_HOURS_PER_MONTH)
      errors.push({ field, message: `Enter hours between 0 and ${MAX_HOURS_PER_MONTH} (a 31-day month).` });
  }
  if (errors.length === 0 && input.hoursRunning + input.hoursPaused > MAX_HOURS_PER_MONTH)
    errors.push({
      field: "hoursPaused",
      message: `Running plus paused hours cannot exceed ${MAX_HOURS_PER_MONTH} in a month.`,
    });
  if (!Number.isFinite(input.diskGb) || input.diskGb < 0 || input.diskGb > 100_000)
    errors.push({ field: "diskGb", message: "Disk must be between 0 and 100000 GB." });
  return errors;
}

const mul = (micros: number, factor: number) => Math.round(micros * factor);

function pausedCost(model: PausedModel, hourly: Range, input: EstimateInput): { range: Range | null; note: string } {
  const h = input.hoursPaused;
  switch (model.kind) {
    case "fraction":
      return {
        range: { min: mul(hourly.min, model.min * h), max: mul(hourly.max, model.max * h) },
        note: `${Math.round(model.min * 100)}-${Math.round(model.max * 100)}% of the running price while paused`,
      };
    case "full":
      return {
        range: { min: mul(hourly.min, h), max: mul(hourly.max, h) },
        note: `${model.reason}: paused hours bill in full`,
      };
    case "storage": {
      const c = mul(model.perGbMonthMicros, (input.diskGb * h) / HOURS_PER_MONTH);
      return {
        range: { min: c, max: c },
        note: `${input.diskGb} GB of volume disk at $${microsToUsd(model.perGbMonthMicros)}/GB-month while stopped`,
      };
    }
    case "unknown":
      return { range: h === 0 ? { min: 0, max: 0 } : null, note: model.reason };
  }
}

/**
 * Monthly cost of one GPU setup at one provider, or null when it offers that GPU neither in the seed
 * nor live. Today's price, where the provider could be read, replaces the seed's (one figure, not a
 * range: it is the cheapest offer listed now).
 */
export function estimateProvider(
  p: ProviderEntry,
  input: EstimateInput,
  live: LiveIndex = NO_LIVE,
): ProviderEstimate | null {
  // Several rows can match one GPU (A100 40GB and 80GB): the cheapest is the estimate's basis.
  const prices = p.prices.filter((x) => x.gpu === input.gpu).sort((a, b) => a.minMicros - b.minMicros);
  const price = prices[0];
  const quote = liveFor(live, p.slug, input.gpu);
  if (!price && !quote) return null;
  const hourlyPerGpu: Range = quote
    ? { min: quote.perGpuHourMicros, max: quote.perGpuHourMicros }
    : { min: price!.minMicros, max: price!.maxMicros ?? price!.minMicros };
  const hourly: Range = { min: hourlyPerGpu.min * input.count, max: hourlyPerGpu.max * input.count };
  const running: Range = { min: mul(hourly.min, input.hoursRunning), max: mul(hourly.max, input.hoursRunning) };
  const paused = pausedCost(p.paused.model, hourly, input);
  const total: Range = paused.range
    ? { min: running.min + paused.range.min, max: running.max + paused.range.max }
    : { ...running };
  return {
    providerSlug: p.slug,
    providerName: p.name,
    vram: price?.vram ?? "",
    running,
    paused: paused.range,
    pausedNote: paused.note,
    total,
    atLeast: paused.range === null,
    approximate: quote ? false : price!.approximate,
    hourlyPerGpu,
    basis: quote ? liveBasis(quote) : seedBasis(price!.source),
    seed: price
      ? {
          minMicros: price.minMicros,
          maxMicros: price.maxMicros,
          approximate: price.approximate,
          date: price.source.date ?? null,
        }
      : null,
  };
}

/** Every provider offering the GPU, cheapest first. */
export function estimateAll(
  input: EstimateInput,
  providers: ProviderEntry[] = PROVIDERS,
  live: LiveIndex = NO_LIVE,
): ProviderEstimate[] {
  return providers
    .map((p) => estimateProvider(p, input, live))
    .filter((e): e is ProviderEstimate => e !== null)
    .sort((a, b) => a.total.min - b.total.min);
}
