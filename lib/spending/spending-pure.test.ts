import { describe, expect, it } from "vitest";
import { crossedThresholds, machineAlert } from "./budget-rules";
import { csvField, decodeCursor, encodeCursor } from "./csv";
import { dailySeries } from "./daily-series";
import { parseRange } from "./periods";
import { budgetSchema, machineLimitSchema } from "./schemas";
import { compareCost } from "./truth-check";

const NOW = new Date("2026-11-20T12:00:00Z");

describe("ranges (UTC)", () => {
  it("defaults to this UTC month and reads dates as whole UTC days, the end included", () => {
    expect(parseRange(null, null, NOW)).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
    });
    expect(parseRange("2026-11-03", "2026-11-05", NOW)).toEqual({
      from: new Date("2026-11-03T00:00:00Z"),
      to: new Date("2026-11-06T00:00:00Z"),
    });
  });
  it("refuses an end before the start, a bad date, and a range over 400 days, naming the field", () => {
    expect(() => parseRange("2026-11-05", "2026-11-03", NOW)).toThrow("The end of the range is before its start.");
    expect(() => parseRange("2026-02-30", null, NOW)).toThrow(/from is not a date/);
    expect(() => parseRange("2024-01-01", "2026-01-01", NOW)).toThrow(/longer than 400 days/);
  });
});

describe("daily series", () => {
  it("zero-fills every day of the range and keys each provider", () => {
    const s = dailySeries(
      [{ dayMs: Date.parse("2026-11-02T00:00:00Z"), provider: "vastai", costMicros: 5 }],
      parseRange("2026-11-01", "2026-11-03", NOW),
    );
    expect(s.providers).toEqual(["vastai"]);
    expect(s.days).toEqual([
      { day: "2026-11-01", vastai: 0 },
      { day: "2026-11-02", vastai: 5 },
      { day: "2026-11-03", vastai: 0 },
    ]);
  });
});

describe("budget input", () => {
  it("turns dollars into micro-dollars without floats", () => {
    expect(budgetSchema.parse({ amount: "$1,250.75", action: "stop" }).amount).toBe(1_250_750_000);
    expect(budgetSchema.parse({ amount: "0.0001", action: "warn" }).amount).toBe(100);
  });
  it("refuses negative, zero, absurd and malformed amounts with a field message", () => {
    const msg = (amount: string) => budgetSchema.safeParse({ amount, action: "warn" }).error?.issues[0]?.message;
    expect(msg("-5")).toBe("An amount cannot be negative.");
    expect(msg("0")).toBe("The amount must be more than $0.");
    expect(msg("99999999999")).toMatch(/check the amount/);
    expect(msg("ten")).toMatch(/Give a number of dollars/);
    expect(budgetSchema.safeParse({ amount: "5", action: "explode" }).success).toBe(false);
  });
  it("a machine limit needs a cap or an end time, and reads the time as UTC", () => {
    expect(machineLimitSchema.safeParse({ machineId: "m", action: "warn" }).error?.issues[0]?.message).toBe(
      "Set a cap, an end time, or both.",
    );
    expect(machineLimitSchema.parse({ machineId: "m", endsAt: "2026-11-21T18:00", action: "stop" }).endsAt).toEqual(
      new Date("2026-11-21T18:00:00Z"),
    );
  });
});

describe("thresholds and truth checks", () => {
  it("80% and 100% without floats", () => {
    expect(crossedThresholds(79, 100)).toEqual([]);
    expect(crossedThresholds(80, 100)).toEqual(["80"]);
    expect(crossedThresholds(100, 100)).toEqual(["80", "100"]);
    expect(
      machineAlert("box", { capMicros: null, endsAt: new Date("2026-11-20T11:00:00Z") }, 0, NOW).map((a) => a.kind),
    ).toEqual(["end_time"]);
  });
  it("flags a difference over 1% (and over a cent), not one within", () => {
    expect(compareCost("m", 1_000_000, { costMicros: 1_009_000, source: "s" }).flagged).toBe(false);
    expect(compareCost("m", 1_000_000, { costMicros: 1_020_000, source: "s" }).flagged).toBe(true);
    // 2 µ$ against 1 µ$ is 100% but far below a cent: the clocks start seconds apart.
    expect(compareCost("m", 2, { costMicros: 1, source: "s" }).flagged).toBe(false);
    expect(compareCost("m", 5, undefined)).toMatchObject({ theirsMicros: null, flagged: false });
  });
});

describe("CSV and cursors", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
  });
  it("a cursor round-trips; anything else is refused, not sent to the database", () => {
    const c = { startedAt: new Date("2026-11-01T00:00:00.123Z"), id: "3f0c7a1e-0000-4000-8000-000000000001" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of [
      "",
      "abc",
      Buffer.from("12.a\u0000b").toString("base64url"),
      Buffer.from("x.id").toString("base64url"),
      "\ud800",
    ])
      expect(decodeCursor(bad)).toBeNull();
  });
});
