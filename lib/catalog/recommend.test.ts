import { describe, expect, it } from "vitest";
import { indexLive } from "./live";
import { recommend } from "./recommend";

const base = {
  needsCheckpoint: false,
  gpu: "H100" as const,
  count: 1,
  hoursRunning: 200,
  hoursPaused: 0,
  compliance: false,
  budgetMicros: null,
};

describe("recommender", () => {
  it("with checkpoint needed, puts providers that run cuda-checkpoint first and those that cannot last", () => {
    const r = recommend({ ...base, needsCheckpoint: true });
    expect(r.slice(0, 2).map((x) => x.providerSlug)).toEqual(["tensordock", "hostkey"]);
    expect(r[0]!.reasons[0]).toMatch(/Runs cuda-checkpoint.*tested 2024-12-20/);
    const tail = r.filter((x) => x.tier === 3).map((x) => x.providerSlug);
    expect(tail.sort()).toEqual(["lambda", "runpod", "vastai"]);
    expect(r.map((x) => x.rank)).toEqual(r.map((_, i) => i + 1));
  });

  it("without needs, ranks purely by monthly cost", () => {
    const r = recommend(base);
    const costs = r.map((x) => x.estimate.total.min);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(r[0]!.providerSlug).toBe("tensordock");
  });

  it("with compliance, prefers CoreWeave and AWS/GCP/Azure", () => {
    const r = recommend({ ...base, compliance: true });
    expect(r.slice(0, 2).map((x) => x.providerSlug)).toEqual(["coreweave", "aws-gcp-azure"]);
  });

  it("demotes providers over budget and says by how much", () => {
    // 200 h of H100: TensorDock $450, Vast.ai $500-700, Lambda $598-658, HOSTKEY $600-800.
    const r = recommend({ ...base, budgetMicros: 460_000_000 });
    expect(r[0]!.providerSlug).toBe("tensordock");
    expect(r[0]!.fits).toBe(true);
    const vast = r.find((x) => x.providerSlug === "vastai")!;
    expect(vast.tier).toBe(1);
    expect(vast.reasons.join(" ")).toContain("Over your budget of $460.00 by $40.00");
  });

  it("ranks nothing for a GPU no provider lists", () => {
    expect(recommend({ ...base, gpu: "V100" }).map((x) => x.providerSlug)).toEqual(["tensordock"]);
  });
});

describe("recommender with live prices", () => {
  const asOf = "2030-05-01T14:05:00.000Z";

  it("ranks by today's price where there is one and says which figure is live and which is seed", () => {
    const live = indexLive([
      { provider: "runpod", gpu: "H100", perGpuHourMicros: 1_500_000, offers: 2, asOf, stale: false },
    ]);
    const r = recommend(base, undefined, live);
    expect(r[0]!.providerSlug).toBe("runpod");
    expect(r[0]!.estimate.total).toEqual({ min: 300_000_000, max: 300_000_000 }); // $1.50 × 200 h
    expect(r[0]!.reasons.join(" ")).toContain(
      "Estimated $300.00 a month at $1.50 per GPU-hour (live, as of 2030-05-01 14:05 UTC).",
    );
    const td = r.find((x) => x.providerSlug === "tensordock")!;
    expect(td.reasons.join(" ")).toContain("at $2.25 per GPU-hour (seed, 2024-12)");
  });

  it("still puts checkpoint-capable providers first however cheap the others are today", () => {
    const live = indexLive([
      { provider: "vastai", gpu: "H100", perGpuHourMicros: 100_000, offers: 9, asOf, stale: false },
      { provider: "hostkey", gpu: "H100", perGpuHourMicros: 2_000_000, offers: 1, asOf, stale: false },
    ]);
    const r = recommend({ ...base, needsCheckpoint: true }, undefined, live);
    // HOSTKEY is cheaper than TensorDock today, so it leads; Vast.ai's price does not lift it over the need.
    expect(r.slice(0, 2).map((x) => x.providerSlug)).toEqual(["hostkey", "tensordock"]);
    expect(r.find((x) => x.providerSlug === "vastai")!.tier).toBe(3);
  });

  it("judges the budget against today's price", () => {
    const live = indexLive([
      { provider: "tensordock", gpu: "H100", perGpuHourMicros: 2_500_000, offers: 1, asOf, stale: false },
    ]);
    const r = recommend({ ...base, budgetMicros: 460_000_000 }, undefined, live);
    const td = r.find((x) => x.providerSlug === "tensordock")!;
    expect(td.tier).toBe(1);
    expect(td.reasons.join(" ")).toContain("Over your budget of $460.00 by $40.00");
  });
});
