import { describe, expect, it } from "vitest";
import { applyFilters, cheapestByGpu, compareRows, DEFAULT_FILTERS, parseFilters, serializeFilters } from "./compare";

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
    const out = applyFilters(rows, { ...DEFAULT_FILTERS, gpus: ["H100", "A100"], support: ["yes"], maxPriceMicros: 2_500_000 });
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
    const f = { gpus: ["H100" as const], support: ["yes" as const, "negotiable" as const], maxPriceMicros: 3_500_000, sort: "provider" as const, dir: "desc" as const };
    const qs = serializeFilters(f);
    expect(qs).toBe("?gpu=H100&checkpoint=yes%2Cnegotiable&max=3.5&sort=provider&dir=desc");
    expect(parseFilters(new URLSearchParams(qs))).toEqual(f);
    expect(parseFilters(new URLSearchParams("gpu=TPU,H100&checkpoint=maybe&max=-3&sort=evil"))).toEqual({ ...DEFAULT_FILTERS, gpus: ["H100"] });
    expect(serializeFilters(DEFAULT_FILTERS)).toBe("");
  });
});
