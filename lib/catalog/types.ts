// The catalog's shape. Money is integer micro-dollars (1 USD = 1_000_000) everywhere.

export const CHECKPOINT_SUPPORT = ["yes", "no", "negotiable", "expensive"] as const;
export type CheckpointSupport = (typeof CHECKPOINT_SUPPORT)[number];

export const GPU_MODELS = ["RTX 3080", "RTX 3090", "RTX 4090", "V100", "A100", "H100"] as const;
export type GpuModel = (typeof GPU_MODELS)[number];

export type BillingGranularity = "second" | "minute" | "hour";

/** Where a fact comes from, and when it was true. */
export interface Source {
  label: string;
  /** ISO date or month ("2024-12" / "2024-12-20"). */
  date?: string;
  url?: string;
  /** A claim quoted word for word, such as a provider staff answer. */
  quote?: string;
}

export interface GpuPrice {
  gpu: GpuModel;
  /** As the source writes it: "24GB", "40/80GB". */
  vram: string;
  /** Lowest per-GPU hourly price in micro-dollars. */
  minMicros: number;
  /** Highest per-GPU hourly price when the source gives a range; null for a single price. */
  maxMicros: number | null;
  /** True where the source says "approx." / "~" / "varies". */
  approximate: boolean;
  /** True where the upper end is open ("$32+"). */
  openEnded?: boolean;
  note?: string;
  source: Source;
}

export interface EvidenceItem {
  /** What was checked: "CAP_SYS_PTRACE", "Seccomp", "Driver 570+", "Root access". */
  check: string;
  result: "pass" | "fail" | "info";
  detail?: string;
}

export interface CheckpointEvidence {
  support: CheckpointSupport;
  /** One line in the user's words: "Yes (bare metal)". */
  summary: string;
  /** Hands-on test by the brief's authors, when there was one. */
  testedOn?: string;
  confirmed: boolean;
  items: EvidenceItem[];
  sources: Source[];
}

/**
 * How a paused (stopped) machine bills, for the estimator:
 * fraction of the running price (a range), the full price (cannot stop, or rental continues),
 * storage per GB-month, or unknown (the brief and the research give no figure).
 */
export type PausedModel =
  | { kind: "fraction"; min: number; max: number }
  | { kind: "full"; reason: string }
  | { kind: "storage"; perGbMonthMicros: number }
  | { kind: "unknown"; reason: string };

export interface PausedBilling {
  /** False where the provider cannot stop a machine at all (only terminate). */
  canStop: boolean | null;
  model: PausedModel;
  summary: string;
  sources: Source[];
}

export interface ExtraFact {
  text: string;
  source: Source;
}

export interface ProviderEntry {
  slug: string;
  name: string;
  website: string | null;
  /** Marketplace + Bare Metal, Managed Cloud, ... */
  type: string;
  /** The summary matrix's headline H100 price as the brief writes it. */
  headlineH100: {
    label: string;
    minMicros: number;
    maxMicros: number | null;
    approximate: boolean;
    openEnded?: boolean;
  };
  checkpoint: CheckpointEvidence;
  prices: GpuPrice[];
  /** Free text where the brief gives no table ("on request"). */
  priceNote?: string;
  pros: string[];
  cons: string[];
  paused: PausedBilling;
  billing: { granularity: BillingGranularity; note: string; source: Source };
  /** The summary matrix's recommendation. */
  recommendation: string;
  extraFacts: ExtraFact[];
}

export interface DecisionCase {
  id: "dev-tests" | "prod-checkpoint" | "prod-no-checkpoint" | "enterprise-compliance" | "min-budget";
  title: string;
  providers: string[];
  advice: string;
}
