import { describe, expect, it } from "vitest";
import {
  applyFilters,
  cheapestByGpu,
  compareRows,
  DEFAULT_FILTERS,
  parseFilters,
  priceOf,
  serializeFilters,
  withLive,
} from "./compare";
import { indexLive } from "./live";

const rows = compareRows();

describe("compare rows", () => {
  it("has one row per provider price, including every seed H100 price", () => {
    const h100 = rows.filter((r) => r.gpu === "H100").map((r) => [r.providerSlug, r.minMicros]);
    expect(h100).toEqual(
      expect.arrayContaining([
        ["tensordock", 2_250_000],
        ["runpod", 4_690_000],
        ["vastai", 2_500_000],
        ["lambda", 2_990_000],
        ["coreweave", 4_760_000],
        ["hostkey", 3_000_000],
        ["aws-gcp-azure", 12_000_000],
        ["aws-gcp-azure", 32_000_000],
      ]),
    );
  });

  it("filters by GPU, checkpoint support and price ceiling together", () => {
    const out = applyFilters(rows, {
      ...DEFAULT_FILTERS,
      gpus: ["H100", "A100"],
      support: ["yes"],
      maxPriceMicros: 2_500_000,
    });
    expect(out.map((r) => r.id)).toEqual(["tensordock:A100:40/80GB", "tensordock:H100:80GB"]);
  });

  it("sorts by price descending with a stable tie-break", () => {
    const out = applyFilters(rows, { ...DEFAULT_FILTERS, gpus: ["RTX 4090"], dir: "desc" });
    expect(out.map((r) => r.providerSlug)).toEqual(["runpod", "tensordock", "vastai"]);
  });

  it("sorts by checkpoint support, usable first", () => {
    const out = applyFilters(rows, { ...DEFAULT_FILTERS, gpus: ["H100"], sort: "checkpoint" });
    expect(out[0]!.support).toBe("yes");
    expect(out.at(-1)!.support).toBe("no");
  });

  it("finds the cheapest price per GPU among the visible rows", () => {
    const best = cheapestByGpu(rows);
    expect(best.get("H100")).toBe(2_250_000);
    expect(best.get("A100")).toBe(1_290_000); // Lambda A100 40GB
    expect(best.get("RTX 3090")).toBe(150_000); // Vast.ai's lower end
    const onlyCheckpoint = cheapestByGpu(applyFilters(rows, { ...DEFAULT_FILTERS, support: ["yes"] }));
    expect(onlyCheckpoint.get("A100")).toBe(1_800_000);
  });

  it("round-trips filters through the URL and ignores junk", () => {
    const f = {
      gpus: ["H100" as const],
      support: ["yes" as const, "negotiable" as const],
      maxPriceMicros: 3_500_000,
      sort: "provider" as const,
      dir: "desc" as const,
    };
    const qs = serializeFilters(f);
    expect(qs).toBe("?gpu=H100&checkpoint=yes%2Cnegotiable&max=3.5&sort=provider&dir=desc");
    expect(parseFilters(new URLSearchParams(qs))).toEqual(f);
    expect(parseFilters(new URLSearchParams("gpu=TPU,H100&checkpoint=maybe&max=-3&sort=evil"))).toEqual({
      ...DEFAULT_FILTERS,
      gpus: ["H100"],
    });
    expect(serializeFilters(DEFAULT_FILTERS)).toBe("");
  });
});

describe("compare rows with live prices", () => {
  const asOf = "2030-05-01T14:05:00.000Z";
  const live = indexLive([
    { provider: "vastai", gpu: "H100", perGpuHourMicros: 2_100_000, offers: 7, asOf, stale: false },
    { provider: "lambda", gpu: "A100", perGpuHourMicros: 1_100_000, offers: 2, asOf, stale: false },
    // A model the seed does not list at that provider: no row is added.
    { provider: "vastai", gpu: "V100", perGpuHourMicros: 200_000, offers: 1, asOf, stale: false },
  ]);
  const liveRows = withLive(compareRows(), live);

  it("joins today's quote to every seed row of that provider and model, keeping the seed figures", () => {
    expect(liveRows).toHaveLength(rows.length);
    const vast = liveRows.find((r) => r.id === "vastai:H100:80GB")!;
    expect(vast.live).toMatchObject({ perGpuHourMicros: 2_100_000, asOf });
    expect([vast.minMicros, vast.maxMicros, vast.source.date]).toEqual([2_500_000, 3_500_000, "2024-12"]);
    expect(
      liveRows.filter((r) => r.providerSlug === "lambda" && r.gpu === "A100").map((r) => r.live?.perGpuHourMicros),
    ).toEqual([1_100_000, 1_100_000]);
    expect(
      liveRows
        .filter((r) => r.live)
        .map((r) => r.providerSlug)
        .sort(),
    ).toEqual(["lambda", "lambda", "vastai"]);
    expect(compareRows(undefined, live).find((r) => r.id === "vastai:H100:80GB")!.live?.perGpuHourMicros).toBe(
      2_100_000,
    );
  });

  it("sorts, filters and marks the cheapest by today's price where there is one", () => {
    expect(priceOf(liveRows.find((r) => r.id === "vastai:H100:80GB")!)).toBe(2_100_000);
    expect(priceOf(liveRows.find((r) => r.id === "tensordock:H100:80GB")!)).toBe(2_250_000);
    const h100 = applyFilters(liveRows, { ...DEFAULT_FILTERS, gpus: ["H100"] });
    expect(h100[0]!.providerSlug).toBe("vastai");
    expect(cheapestByGpu(liveRows).get("H100")).toBe(2_100_000);
    expect(cheapestByGpu(liveRows).get("A100")).toBe(1_100_000);
    const ceiling = applyFilters(liveRows, { ...DEFAULT_FILTERS, gpus: ["H100"], maxPriceMicros: 2_200_000 });
    expect(ceiling.map((r) => r.providerSlug)).toEqual(["vastai"]);
  });
});
