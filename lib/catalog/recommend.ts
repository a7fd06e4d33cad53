import { DECISION_CASES, PROVIDERS } from "./data";
import { estimateProvider, type EstimateInput, type ProviderEstimate } from "./estimate";
import { basisLabel, NO_LIVE, type LiveIndex } from "./live";
import type { GpuModel, ProviderEntry } from "./types";
import { formatUsd } from "@/lib/money";

export interface RecommendInput {
  needsCheckpoint: boolean;
  gpu: GpuModel;
  count: number;
  hoursRunning: number;
  hoursPaused: number;
  compliance: boolean;
  /** Monthly budget in micro-dollars; null for none. */
  budgetMicros: number | null;
}

export interface Recommendation {
  rank: number;
  providerSlug: string;
  providerName: string;
  estimate: ProviderEstimate;
  /** 0 = meets every need within budget … 3 = fails a hard requirement. */
  tier: 0 | 1 | 2 | 3;
  fits: boolean;
  reasons: string[];
}

const COMPLIANCE = new Set(DECISION_CASES.find((c) => c.id === "enterprise-compliance")?.providers ?? []);

function assess(p: ProviderEntry, e: ProviderEstimate, input: RecommendInput): Omit<Recommendation, "rank"> {
  const reasons: string[] = [];
  let tier: Recommendation["tier"] = 0;
  /** A reason that also makes the recommendation worse (a higher tier), never better. */
  const worse = (t: Recommendation["tier"], reason: string) => {
    reasons.push(reason);
    if (t > tier) tier = t;
  };

  if (input.needsCheckpoint) {
    const s = p.checkpoint.support;
    if (s === "yes")
      reasons.push(
        `Runs cuda-checkpoint: ${p.checkpoint.summary.toLowerCase()}${p.checkpoint.testedOn ? `, tested ${p.checkpoint.testedOn}` : ""}.`,
      );
    else if (s === "negotiable") worse(2, "Checkpoint only if negotiated (enterprise contract, privileged pods).");
    else if (s === "expensive") worse(2, "Checkpoint possible on bare metal, but about 10x the price.");
    else worse(3, `Cannot run cuda-checkpoint: ${p.checkpoint.summary.toLowerCase()}.`);
  }
  if (input.compliance) {
    if (COMPLIANCE.has(p.slug)) reasons.push("Offers enterprise compliance.");
    else worse(2, "No compliance offering in the catalog.");
  }
  const cost = `${e.atLeast ? "at least " : ""}${formatUsd(e.total.min)}${e.total.max !== e.total.min ? `-${formatUsd(e.total.max)}` : ""}`;
  const hourly = `${formatUsd(e.hourlyPerGpu.min)}${e.hourlyPerGpu.max !== e.hourlyPerGpu.min ? `-${formatUsd(e.hourlyPerGpu.max)}` : ""}`;
  reasons.push(
    `Estimated ${cost} a month at ${e.approximate ? "~" : ""}${hourly} per GPU-hour (${basisLabel(e.basis)}).`,
  );
  if (input.hoursPaused > 0) reasons.push(`While paused: ${e.pausedNote}.`);
  if (input.budgetMicros != null) {
    if (e.total.min > input.budgetMicros)
      worse(
        1,
        `Over your budget of ${formatUsd(input.budgetMicros)} by ${formatUsd(e.total.min - input.budgetMicros)}.`,
      );
    else if (e.total.max > input.budgetMicros || e.atLeast)
      reasons.push(`May exceed your budget of ${formatUsd(input.budgetMicros)}.`);
    else reasons.push(`Within your budget of ${formatUsd(input.budgetMicros)}.`);
  }
  if (p.billing.granularity === "minute") reasons.push("Billed per minute.");
  return { providerSlug: p.slug, providerName: p.name, estimate: e, tier, fits: tier === 0, reasons };
}

/**
 * Ranks every provider that offers the GPU: first by how well it meets the hard needs (checkpoint,
 * compliance, budget), then by estimated monthly cost (lower end of the range), with today's price
 * where a provider could be read.
 */
export function recommend(
  input: RecommendInput,
  providers: ProviderEntry[] = PROVIDERS,
  live: LiveIndex = NO_LIVE,
): Recommendation[] {
  const est: EstimateInput = {
    gpu: input.gpu,
    count: input.count,
    hoursRunning: input.hoursRunning,
    hoursPaused: input.hoursPaused,
    diskGb: 100,
  };
  return providers
    .flatMap((p) => {
      const e = estimateProvider(p, est, live);
      return e ? [assess(p, e, input)] : [];
    })
    .sort(
      (a, b) =>
        a.tier - b.tier || a.estimate.total.min - b.estimate.total.min || a.estimate.total.max - b.estimate.total.max,
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
}
