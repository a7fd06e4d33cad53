import type { SpendingSummaryDto } from "@/lib/spending";
import { formatUsd, perHour } from "@/lib/money";

function Card({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold" data-testid={testId}>
        {value}
      </div>
      {hint ? <div className="mt-1 text-xs text-slate-600">{hint}</div> : null}
    </div>
  );
}

export function SummaryCards({ s, budgetMicros }: { s: SpendingSummaryDto; budgetMicros: number | null }) {
  const m4 = { maxDigits: 4 };
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Card label="Today (UTC)" value={formatUsd(s.todayMicros, m4)} testId="spend-today" />
      <Card
        label="This month so far"
        value={formatUsd(s.monthMicros, m4)}
        hint={budgetMicros ? `of a ${formatUsd(budgetMicros)} budget` : undefined}
        testId="spend-month"
      />
      <Card
        label="Burn rate now"
        value={perHour(s.runningRateMicros + s.stoppedRateMicros)}
        hint={`running ${perHour(s.runningRateMicros)} · stopped ${perHour(s.stoppedRateMicros)}`}
        testId="spend-rate"
      />
      <Card
        label="Projected for the month"
        value={formatUsd(s.projectionMicros)}
        hint="so far + rate now × hours left"
        testId="spend-projection"
      />
    </div>
  );
}
