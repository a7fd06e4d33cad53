// Providers spell GPUs many ways ("NVIDIA H100 80GB HBM3", "H100 SXM", "geforcertx4090-pcie-24gb",
// "gpu_1x_h100_pcie"); the catalog compares six models by one name.

import type { GpuModelName } from "../types";

const RULES: [RegExp, GpuModelName][] = [
  [/rtx\s*-?\s*4090/i, "RTX 4090"],
  [/rtx\s*-?\s*3090/i, "RTX 3090"],
  [/rtx\s*-?\s*3080/i, "RTX 3080"],
  [/(^|[^a-z0-9])h100|h100([^a-z0-9]|$)|_h100/i, "H100"],
  [/(^|[^a-z0-9])a100|a100([^a-z0-9]|$)|_a100/i, "A100"],
  [/(^|[^a-z0-9])v100|v100([^a-z0-9]|$)|_v100/i, "V100"],
];

export function normalizeGpuModel(raw: string): GpuModelName {
  for (const [re, model] of RULES) if (re.test(raw)) return model;
  return raw;
}

/** "80GB", "80 GB", "-80gb" → 80; undefined when the name carries no size. */
export function vramFromName(raw: string): number | undefined {
  const m = /(\d+)\s*gb/i.exec(raw);
  return m ? Number(m[1]) : undefined;
}

/** Whether an offer's model matches a filter given as a normalized or raw name. */
export function gpuMatches(model: GpuModelName, raw: string, wanted: string): boolean {
  const w = wanted.toLowerCase();
  return model.toLowerCase() === w || raw.toLowerCase().includes(w);
}
