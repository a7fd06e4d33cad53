import { describe, expect, it } from "vitest";
import {
  attributedUpTo,
  billedMs,
  costInRange,
  costSoFar,
  fullCost,
  intervalCostMicros,
  rateNow,
  splitByDay,
  splitByMonth,
  type CostedInterval,
} from "./costing";
import { buildSummary } from "@/lib/spending";

const T = (iso: string) => new Date(iso);
const iv = (
  rate: number,
  granularity: string,
  start: string,
  end: string | null,
  state = "running",
): CostedInterval & { state: string } => ({
  ratePerHourMicros: rate,
  granularity,
  startedAt: T(start),
  endedAt: end ? T(end) : null,
  state,
});
const NOW = T("2026-11-20T12:00:00Z").getTime();
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
      {
        state: "running",
        ratePerHourMicros: 2_250_000,
        granularity: "second" as const,
        startedAt: new Date(t("2026-11-01T00:00:00Z")),
        endedAt: new Date(t("2026-11-01T02:00:00Z")),
      },
      {
        state: "stopped",
        ratePerHourMicros: 225_000,
        granularity: "second" as const,
        startedAt: new Date(t("2026-11-01T02:00:00Z")),
        endedAt: null,
      },
    ];
    // 2 h × $2.25 = $4.50, plus 10 h stopped × $0.225 = $2.25
    expect(costSoFar(intervals, new Date(t("2026-11-01T12:00:00Z")))).toBe(6_750_000);
    expect(rateNow(intervals)).toBe(225_000);
  });
});

describe("costing: granularity and rounding (integer micro-dollars)", () => {
  it("per second: 90.5 s at $2.40/h bills 91 s", () => {
    // 2,400,000 µ$/h × 91,000 ms / 3,600,000 ms = 60,666.67 → rounded up to 60,667 µ$.
    expect(fullCost(iv(2_400_000, "second", "2026-11-01T00:00:00Z", "2026-11-01T00:01:30.500Z"), NOW)).toBe(60_667);
  });
  it("per minute (Lambda): 61 s bills two minutes", () => {
    // 2,400,000 × 120,000 / 3,600,000 = 80,000 µ$ exactly.
    expect(fullCost(iv(2_400_000, "minute", "2026-11-01T00:00:00Z", "2026-11-01T00:01:01Z"), NOW)).toBe(80_000);
  });
  it("per hour: one second bills a whole hour", () => {
    expect(fullCost(iv(2_400_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:00:01Z"), NOW)).toBe(2_400_000);
  });
  it("a fraction of a micro-dollar rounds up to one, and nothing started costs nothing", () => {
    // 1 µ$/h × 1,000 ms / 3,600,000 = 0.00028 → 1 µ$.
    expect(fullCost(iv(1, "second", "2026-11-01T00:00:00Z", "2026-11-01T00:00:01Z"), NOW)).toBe(1);
    expect(fullCost(iv(2_400_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"), NOW)).toBe(0);
  });
  it("fullCost is intervalCostMicros of the interval, open ones costed up to now", () => {
    const list = [
      iv(2_400_000, "minute", "2026-11-01T00:00:00Z", "2026-11-01T00:01:01Z"),
      iv(777_777, "second", "2026-11-19T00:00:00.123Z", null),
    ];
    for (const i of list)
      expect(fullCost(i, NOW)).toBe(
        intervalCostMicros(i.ratePerHourMicros, i.startedAt.getTime(), i.endedAt?.getTime() ?? NOW, i.granularity),
      );
    expect(list.reduce((s, i) => s + fullCost(i, NOW), 0)).toBe(costSoFar(list, new Date(NOW)));
  });
});

describe("costing: splitting across days and months (UTC)", () => {
  it("an interval across a month boundary splits exactly, the rounding on the month it ends in", () => {
    // $3.60/h = 1 µ$ per ms. 22:00 Oct 31 → 02:00:00.500 Nov 1 is 4 h 0.5 s, billed 4 h 1 s = 14,401,000 µ$.
    // October gets its 2 h = 7,200,000; November 2 h 0.5 s plus the 0.5 s of rounding = 7,201,000.
    const i = iv(3_600_000, "second", "2026-10-31T22:00:00Z", "2026-11-01T02:00:00.500Z");
    expect(fullCost(i, NOW)).toBe(14_401_000);
    const months = splitByMonth(i, 0, NOW, NOW);
    expect(Object.fromEntries(months)).toEqual({ "2026-10": 7_200_000, "2026-11": 7_201_000 });
    expect(costInRange(i, T("2026-11-01T00:00:00Z").getTime(), T("2026-12-01T00:00:00Z").getTime(), NOW)).toBe(
      7_201_000,
    );
  });
  it("days add up to the interval's cost to the micro-dollar, even at awkward rates", () => {
    // 1,234,567 µ$/h over 3 days 5 h 7 min 11.5 s = 277,631,500 ms, billed per minute as 4,628 min =
    // 277,680,000 ms: ceil(1,234,567 × 277,680,000 / 3,600,000) = ceil(95,226,267.93) = 95,226,268.
    // Each day's piece rounds up on its own in A(t), yet the pieces telescope to exactly that.
    const i = iv(1_234_567, "minute", "2026-11-02T18:52:48.500Z", "2026-11-06T00:00:00Z");
    const days = splitByDay(i, 0, NOW, NOW);
    expect(days.map((d) => new Date(d.dayMs).toISOString().slice(0, 10))).toEqual([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
    ]);
    expect(days.reduce((s, d) => s + d.costMicros, 0)).toBe(fullCost(i, NOW));
    expect(fullCost(i, NOW)).toBe(95_226_268);
  });
  it("A(t) is 0 before the start, rises inside, and is the full cost from the end on", () => {
    const i = iv(3_600_000, "hour", "2026-11-01T00:00:00Z", "2026-11-01T00:30:00Z");
    expect(attributedUpTo(i, T("2026-10-31T00:00:00Z").getTime(), NOW)).toBe(0);
    expect(attributedUpTo(i, T("2026-11-01T00:15:00Z").getTime(), NOW)).toBe(900_000); // 15 min at 1 µ$/ms
    expect(attributedUpTo(i, T("2026-11-01T00:30:00Z").getTime(), NOW)).toBe(3_600_000); // the whole hour billed
  });
});

describe("costing: a month with a rate change, and a machine that could not stop", () => {
  // Running at $2.00/h Nov 1 → Nov 15 (336 h = 672,000,000 µ$); stopped at $0.20/h for a day
  // (24 h = 4,800,000); restarted at the new price $2.50/h on Nov 16, still running at noon Nov 20
  // (108 h = 270,000,000). Month so far: 946,800,000 µ$ = $946.80.
  const ledger = [
    {
      ...iv(2_000_000, "second", "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z"),
      machineId: "a",
      provider: "tensordock",
    },
    {
      ...iv(200_000, "second", "2026-11-15T00:00:00Z", "2026-11-16T00:00:00Z", "stopped"),
      machineId: "a",
      provider: "tensordock",
    },
    { ...iv(2_500_000, "second", "2026-11-16T00:00:00Z", null), machineId: "a", provider: "tensordock" },
  ];
  const from = T("2026-11-01T00:00:00Z").getTime();
  const to = T("2026-12-01T00:00:00Z").getTime();
  const today = T("2026-11-20T00:00:00Z").getTime();

  it("keeps each interval at the rate it had, and projects at the rate now", () => {
    const month = ledger.reduce((s, i) => s + costInRange(i, from, to, NOW), 0);
    expect(month).toBe(946_800_000);
    const todayCost = ledger.reduce((s, i) => s + costInRange(i, today, today + 86_400_000, NOW), 0);
    expect(todayCost).toBe(30_000_000); // 12 h × $2.50
    // 252 h left (noon Nov 20 → Dec 1) × 2,500,000 = 630,000,000; projection 1,576,800,000 ($1,576.80).
    const s = buildSummary(
      [{ machineId: "a", provider: "tensordock", monthMicros: month, todayMicros: todayCost, rangeMicros: month }],
      [{ machineId: "a", provider: "tensordock", state: "running", ratePerHourMicros: 2_500_000 }],
      new Date(NOW),
    );
    expect(s.runningRateMicros).toBe(2_500_000);
    expect(s.stoppedRateMicros).toBe(0);
    expect(s.projectionMicros).toBe(1_576_800_000);
  });

  it("a Lambda machine (cannot stop) bills its whole life at the running rate, per minute", () => {
    // Ordered 10:00:30 Nov 3, destroyed 10:01:00 Nov 5: 48 h 0 min 30 s → billed 48 h 1 min at $1.29/h:
    // 48 × 1,290,000 = 61,920,000 plus one minute 21,500 = 61,941,500 µ$, with no stopped interval.
    const lambda = iv(1_290_000, "minute", "2026-11-03T10:00:30Z", "2026-11-05T10:01:00Z");
    expect(fullCost(lambda, NOW)).toBe(61_941_500);
    const days = splitByDay(lambda, from, to, NOW);
    // Nov 3: 13 h 59 min 30 s = 18,049,250; Nov 4: 24 h = 30,960,000; Nov 5: the rest, with the rounding.
    expect(days.map((d) => d.costMicros)).toEqual([18_049_250, 30_960_000, 61_941_500 - 18_049_250 - 30_960_000]);
  });
});
