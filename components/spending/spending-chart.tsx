"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailySeries } from "@/lib/spending";
import { formatUsd } from "@/lib/money";

// Colour-blind-safe palette (Okabe-Ito), one colour per provider in a stable order.
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Daily cost bars stacked by provider. Loaded only on the Spending page, in the browser. */
export default function SpendingChart({ series, labels }: { series: DailySeries; labels: Record<string, string> }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={series.days} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} />
        <YAxis tickFormatter={(v: number) => formatUsd(v)} fontSize={12} width={72} />
        <Tooltip
          formatter={(v, name) => [formatUsd(Number(v), { maxDigits: 4 }), labels[String(name)] ?? String(name)]}
          labelFormatter={(d) => `${d} (UTC)`}
        />
        <Legend formatter={(name: string) => labels[name] ?? name} />
        {series.providers.map((p, i) => (
          <Bar key={p} dataKey={p} stackId="cost" fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
