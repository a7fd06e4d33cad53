import type { SpendingSummaryDto, TruthCheck } from "@/lib/spending";
import { formatUsd, perHour } from "@/lib/money";
import { alignRight, DataTable } from "@/components/ui/table";

const m4 = { maxDigits: 4 };

export function ByProviderTable({ s }: { s: SpendingSummaryDto }) {
  return (
    <DataTable
      variant="inline"
      testId="by-provider"
      columns={["Provider", alignRight("In range"), alignRight("This month"), alignRight("Rate now")]}
    >
      {s.byProvider.map((g) => (
        <tr key={g.key} className="border-t border-slate-200">
          <td className="py-1.5">{s.providers[g.key] ?? g.key}</td>
          <td className="py-1.5 text-right">{formatUsd(g.rangeMicros, m4)}</td>
          <td className="py-1.5 text-right">{formatUsd(g.monthMicros, m4)}</td>
          <td className="py-1.5 text-right">{perHour(g.rateNowMicros)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Per machine: our cost in the range, the rate now, and the provider's own figure beside ours where it reports one. */
export function ByMachineTable({ s, truth }: { s: SpendingSummaryDto; truth: TruthCheck[] }) {
  const checks = new Map(truth.map((t) => [t.machineId, t]));
  return (
    <DataTable
      variant="inline"
      testId="by-machine"
      columns={["Machine", alignRight("In range"), alignRight("Rate now"), alignRight("Whole life: ours / provider's")]}
    >
      {s.byMachine.map((g) => {
        const m = s.machines[g.key];
        const t = checks.get(g.key);
        return (
          <tr key={g.key} className="border-t border-slate-200" data-testid="machine-spend-row">
            <td className="py-1.5">
              <a href={`/machines/${g.key}`} className="underline">
                {m?.name ?? g.key}
              </a>{" "}
              <span className="text-slate-600">
                ({m?.providerLabel ?? "?"}, {m?.status ?? "?"})
              </span>
            </td>
            <td className="py-1.5 text-right" data-testid="machine-spend">
              {formatUsd(g.rangeMicros, m4)}
            </td>
            <td className="py-1.5 text-right">{perHour(g.rateNowMicros)}</td>
            <td className="py-1.5 text-right" data-testid="truth-check">
              {t && t.theirsMicros !== null ? (
                <span className={t.flagged ? "font-semibold text-rose-700" : ""} title={t.source ?? undefined}>
                  {formatUsd(t.oursMicros, m4)} / {formatUsd(t.theirsMicros, m4)}
                  {t.flagged ? ` ⚠ differs by ${(Math.abs(t.diffRatio ?? 0) * 100).toFixed(1)}%` : " ✓"}
                </span>
              ) : (
                <span className="text-slate-500">provider reports no figure</span>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
