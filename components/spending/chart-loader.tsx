"use client";

import dynamic from "next/dynamic";
import type { DailySeries } from "@/lib/spending";
import { formatUsd } from "@/lib/money";

// Recharts is large: fetched only when this page renders, never part of other pages' bundles.
const SpendingChart = dynamic(() => import("./spending-chart"), {
  ssr: false,
  loading: () => <div className="h-[280px] animate-pulse rounded bg-slate-100" />,
});

export function ChartLoader({ series, labels }: { series: DailySeries; labels: Record<string, string> }) {
  const total = series.days.reduce((s, d) => s + series.providers.reduce((t, p) => t + Number(d[p] ?? 0), 0), 0);
  return (
    <figure data-testid="spending-chart">
      <SpendingChart series={series} labels={labels} />
      {/* The same figures as text, for screen readers and for anyone who cannot read colours. */}
      <figcaption className="sr-only">
        Daily cost by provider, UTC days {series.days[0]?.day} to {series.days.at(-1)?.day}:{" "}
        {formatUsd(total, { maxDigits: 4 })} in all.
      </figcaption>
    </figure>
  );
}
