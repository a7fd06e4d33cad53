"use client";

import Link from "next/link";
import { useState } from "react";
import { estimateAll, validateEstimate, type ProviderEstimate, type Range } from "@/lib/catalog/estimate";
import { basisLabel } from "@/lib/catalog/live";
import { formatPriceRange, formatUsd } from "@/lib/money";
import { LocalForm } from "@/components/ui/local-form";
import { NumberField, parseNumberInput } from "@/components/ui/number-field";
import { DataTable, RowHeader } from "@/components/ui/table";
import { useLiveIndex } from "./live-prices";
import { parseUsage, UsageFields, useUsage } from "./usage-fields";

const fmt = (r: Range) => (r.min === r.max ? formatUsd(r.min) : `${formatUsd(r.min)}-${formatUsd(r.max)}`);
const fmtHourly = (r: Range) =>
  r.min === r.max
    ? formatUsd(r.min, { maxDigits: 3 })
    : `${formatUsd(r.min, { maxDigits: 3 })}-${formatUsd(r.max, { maxDigits: 3 })}`;

/** "at $2.343 per GPU-hour (live, as of 2025-05-01 14:05 UTC); seed $2.25, 2024-12". */
function basisText(r: ProviderEstimate): string {
  const seed =
    r.basis.kind === "live" && r.seed
      ? `; seed ${formatPriceRange(r.seed)}${r.seed.date ? `, ${r.seed.date}` : ""}`
      : "";
  return `at ${r.approximate ? "~" : ""}${fmtHourly(r.hourlyPerGpu)} per GPU-hour (${basisLabel(r.basis)})${seed}`;
}

/**
 * GPU, count, hours running and paused → monthly cost per provider, counting what paused machines bill;
 * today's price where a provider could be read, else the seed's, each saying which.
 */
export function Estimator() {
  const live = useLiveIndex();
  const [usage, setUsage] = useUsage({ gpu: "H100", count: "1", hoursRunning: "160", hoursPaused: "400" });
  const [diskGb, setDiskGb] = useState("100");
  const input = { ...parseUsage(usage), diskGb: parseNumberInput(diskGb) };
  const errors = Object.fromEntries(validateEstimate(input).map((e) => [e.field, e.message]));
  const valid = Object.keys(errors).length === 0;
  const rows = valid ? estimateAll(input, undefined, live) : [];

  return (
    <div className="space-y-6">
      <LocalForm
        label="Your usage"
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5"
      >
        <UsageFields idPrefix="est" perMonth="/ month" value={usage} onChange={setUsage} errors={errors} />
        <NumberField
          id="est-disk"
          label="Disk kept while paused (GB)"
          min={0}
          value={diskGb}
          onChange={setDiskGb}
          error={errors.diskGb}
          hint="Used where stopped storage bills per GB (RunPod)."
        />
      </LocalForm>

      {!valid ? <p className="text-sm text-rose-700">Fix the highlighted fields to see the estimate.</p> : null}
      {valid ? (
        <DataTable
          caption="Estimated monthly cost per provider"
          columns={["Provider", "Running", "Paused", "Total per month"]}
          footer={rows.length === 0 ? <p className="p-4">No provider in the catalog lists a {usage.gpu}.</p> : null}
        >
          {rows.map((r) => (
            <tr
              key={r.providerSlug}
              data-testid="estimate-row"
              data-provider={r.providerSlug}
              className="border-t border-slate-200 align-top"
            >
              <RowHeader>
                <Link href={`/providers/${r.providerSlug}`} className="underline-offset-2 hover:underline">
                  {r.providerName}
                </Link>
                <span className="block text-xs font-normal text-slate-600">
                  {usage.gpu} {r.vram}
                  {r.approximate ? ", approximate price" : ""}
                </span>
              </RowHeader>
              <td className="px-4 py-2 tabular-nums">
                {fmt(r.running)}
                <span className="block text-xs text-slate-700" data-testid="estimate-basis" data-basis={r.basis.kind}>
                  {basisText(r)}
                </span>
              </td>
              <td className="px-4 py-2 tabular-nums">
                {r.paused ? fmt(r.paused) : "unknown"}
                <span className="block text-xs text-slate-600">{r.pausedNote}</span>
              </td>
              <td className="px-4 py-2 font-semibold tabular-nums" data-testid="estimate-total">
                {r.atLeast ? "at least " : ""}
                {fmt(r.total)}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
