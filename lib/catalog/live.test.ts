import { describe, expect, it } from "vitest";
import { basisLabel, formatAsOf, indexLive, liveFor, livePricesResponseSchema, seedBasis } from "./live";

describe("live price labels", () => {
  it("formats the time the same everywhere, in UTC", () => {
    expect(formatAsOf("2030-05-01T14:05:59.123Z")).toBe("2030-05-01 14:05 UTC");
    expect(formatAsOf("2030-05-01T16:05:00+02:00")).toBe("2030-05-01 14:05 UTC");
  });

  it("says seed with the source's date, or its label when it has none", () => {
    expect(basisLabel(seedBasis({ label: "Brief", date: "2024-12" }))).toBe("seed, 2024-12");
    expect(basisLabel(seedBasis({ label: "Provider API reference" }))).toBe("seed, Provider API reference");
  });

  it("looks quotes up by provider and GPU model", () => {
    const q = {
      provider: "vastai",
      gpu: "H100",
      perGpuHourMicros: 1,
      offers: 1,
      asOf: "2030-05-01T14:05:00.000Z",
      stale: false,
    };
    const live = indexLive([q]);
    expect(liveFor(live, "vastai", "H100")).toBe(q);
    expect(liveFor(live, "vastai", "A100")).toBeUndefined();
  });

  it("parses the route's answer and refuses a zero or missing price", () => {
    const ok = {
      refreshEverySeconds: 900,
      prices: [
        {
          provider: "vastai",
          gpu: "H100",
          perGpuHourMicros: 2_000_000,
          offers: 3,
          asOf: "2030-05-01T14:05:00.000Z",
          stale: false,
        },
      ],
      providers: [{ provider: "vastai", status: "ok", checkedAt: "2030-05-01T14:05:00.000Z" }],
    };
    expect(livePricesResponseSchema.safeParse(ok).success).toBe(true);
    const zero = { ...ok, prices: [{ ...ok.prices[0], perGpuHourMicros: 0 }] };
    expect(livePricesResponseSchema.safeParse(zero).success).toBe(false);
    expect(livePricesResponseSchema.safeParse({ prices: "nope" }).success).toBe(false);
  });
});
