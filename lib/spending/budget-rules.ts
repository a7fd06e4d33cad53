import type { AlertKind } from "@/db/schema/spending";
import { formatUsd, MICROS_PER_USD } from "@/lib/money";

// When a budget or a machine limit has been crossed, as pure functions of the spend and the clock.

/** Above this a monthly budget or a cap is a typo, not a plan: refused with a message. */
export const MAX_BUDGET_MICROS = 10_000_000 * MICROS_PER_USD;

/** The thresholds crossed by `spent` against `amount`: "80" at 80%, "100" at 100%. */
export function crossedThresholds(spentMicros: number, amountMicros: number): ("80" | "100")[] {
  if (amountMicros <= 0) return [];
  const out: ("80" | "100")[] = [];
  // 5 × spent ≥ 4 × amount is 80% without a float.
  if (spentMicros * 5 >= amountMicros * 4) out.push("80");
  if (spentMicros >= amountMicros) out.push("100");
  return out;
}

export function budgetAlertMessage(
  kind: "80" | "100",
  spentMicros: number,
  amountMicros: number,
  period: string,
): string {
  const pct = kind === "80" ? "80%" : "100%";
  return `Spending this month (${period}, UTC) reached ${pct} of your budget: ${formatUsd(spentMicros, { maxDigits: 4 })} of ${formatUsd(amountMicros, { maxDigits: 4 })}.`;
}

export function machineAlert(
  name: string,
  limit: { capMicros: number | null; endsAt: Date | null },
  costMicros: number,
  now: Date,
): { kind: AlertKind; message: string }[] {
  const out: { kind: AlertKind; message: string }[] = [];
  if (limit.capMicros != null) {
    for (const k of crossedThresholds(costMicros, limit.capMicros))
      out.push({
        kind: k,
        message: `${name} reached ${k}% of its cap: ${formatUsd(costMicros, { maxDigits: 4 })} of ${formatUsd(limit.capMicros, { maxDigits: 4 })}.`,
      });
  }
  if (limit.endsAt && now.getTime() >= limit.endsAt.getTime())
    out.push({
      kind: "end_time",
      message: `${name} reached its end time (${limit.endsAt.toISOString().replace("T", " ").slice(0, 16)} UTC).`,
    });
  return out;
}
