import { describe, expect, it } from "vitest";
import { billedMs, costSoFar, intervalCostMicros, rateNow } from "./cost";

const H = 3_600_000;
const t = (iso: string) => new Date(iso).getTime();

describe("costing", () => {
  it("rounds the duration up to the granularity", () => {
    expect(billedMs(1, "second")).toBe(1000);
    expect(billedMs(61_000, "minute")).toBe(120_000); // 1 min 1 s on Lambda bills 2 minutes
    expect(billedMs(H + 1, "hour")).toBe(2 * H);
    expect(billedMs(0, "hour")).toBe(0);
  });

  it("costs rate × billed time in whole micro-dollars, rounding up", () => {
    // $2.25/h for 90 minutes per second = $3.375
    expect(intervalCostMicros(2_250_000, 0, 90 * 60_000, "second")).toBe(3_375_000);
    // $2.99/h for 61 s on Lambda (per minute) = 2 min = $0.099666… → 99_667 µ$
    expect(intervalCostMicros(2_990_000, 0, 61_000, "minute")).toBe(99_667);
    // $4.69/h for 1 s per second = 1302.77… → 1303 µ$
    expect(intervalCostMicros(4_690_000, 0, 1000, "second")).toBe(1303);
    // TensorDock per hour: 10 minutes bill a whole hour
    expect(intervalCostMicros(2_250_000, 0, 10 * 60_000, "hour")).toBe(2_250_000);
  });

  it("stays exact for a year at $98/h", () => {
    expect(intervalCostMicros(98_000_000, 0, 365 * 24 * H, "second")).toBe(98_000_000 * 365 * 24);
  });

  it("sums running and stopped intervals, open ones up to now", () => {
    const intervals = [
      { state: "running", ratePerHourMicros: 2_250_000, granularity: "second" as const, startedAt: new Date(t("2026-11-01T00:00:00Z")), endedAt: new Date(t("2026-11-01T02:00:00Z")) },
      { state: "stopped", ratePerHourMicros: 225_000, granularity: "second" as const, startedAt: new Date(t("2026-11-01T02:00:00Z")), endedAt: null },
    ];
    // 2 h × $2.25 = $4.50, plus 10 h stopped × $0.225 = $2.25
    expect(costSoFar(intervals, new Date(t("2026-11-01T12:00:00Z")))).toBe(6_750_000);
    expect(rateNow(intervals)).toBe(225_000);
  });
});
