"use client";

import Link from "next/link";
import { useState } from "react";
import { estimateAll, validateEstimate, type ProviderEstimate, type Range } from "@/lib/catalog/estimate";
import { basisLabel } from "@/lib/catalog/live";
import { GPU_MODELS, type GpuModel } from "@/lib/catalog/types";
import { formatPriceRange, formatUsd } from "@/lib/money";
import { Field, inputCls } from "@/components/ui/field";
import { useLiveIndex } from "./live-prices";

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const fmt = (r: Range) => (r.min === r.max ? formatUsd(r.min) : `${formatUsd(r.min)}-${formatUsd(r.max)}`);
const fmtHourly = (r: Range) => (r.min === r.max ? formatUsd(r.min, { maxDigits: 3 }) : `${formatUsd(r.min, { maxDigits: 3 })}-${formatUsd(r.max, { maxDigits: 3 })}`);

/** "at $2.343 per GPU-hour (live, as of 2025-05-01 14:05 UTC); seed $2.25, 2024-12". */
function basisText(r: ProviderEstimate): string {
  const seed = r.basis.kind === "live" && r.seed ? `; seed ${formatPriceRange(r.seed)}${r.seed.date ? `, ${r.seed.date}` : ""}` : "";
  return `at ${r.approximate ? "~" : ""}${fmtHourly(r.hourlyPerGpu)} per GPU-hour (${basisLabel(r.basis)})${seed}`;
}

/**
 * GPU, count, hours running and paused → monthly cost per provider, counting what paused machines bill;
 * today's price where a provider could be read, else the seed's, each saying which.
 */
export function Estimator() {
  const live = useLiveIndex();
  const [gpu, setGpu] = useState<GpuModel>("H100");
  const [count, setCount] = useState("1");
  const [hoursRunning, setHoursRunning] = useState("160");
  const [hoursPaused, setHoursPaused] = useState("400");
  const [diskGb, setDiskGb] = useState("100");
  const input = { gpu, count: num(count), hoursRunning: num(hoursRunning), hoursPaused: num(hoursPaused), diskGb: num(diskGb) };
  const errors = Object.fromEntries(validateEstimate(input).map((e) => [e.field, e.message]));
  const valid = Object.keys(errors).length === 0;
  const rows = valid ? estimateAll(input, undefined, live) : [];

  return (
    <div className="space-y-6">
      <form className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5" onSubmit={(e) => e.preventDefault()} aria-label="Your usage">
        <Field label="GPU model" htmlFor="est-gpu">
          <select id="est-gpu" className={inputCls} value={gpu} onChange={(e) => setGpu(e.target.value as GpuModel)}>
            {GPU_MODELS.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </Field>
        <Field label="GPUs" htmlFor="est-count" error={errors.count}>
          <input id="est-count" type="number" min={1} max={8} className={inputCls} value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={!!errors.count} />
        </Field>
        <Field label="Hours running / month" htmlFor="est-run" error={errors.hoursRunning}>
          <input id="est-run" type="number" min={0} max={744} className={inputCls} value={hoursRunning} onChange={(e) => setHoursRunning(e.target.value)} aria-invalid={!!errors.hoursRunning} />
        </Field>
        <Field label="Hours paused / month" htmlFor="est-paused" error={errors.hoursPaused}>
          <input id="est-paused" type="number" min={0} max={744} className={inputCls} value={hoursPaused} onChange={(e) => setHoursPaused(e.target.value)} aria-invalid={!!errors.hoursPaused} />
        </Field>
        <Field label="Disk kept while paused (GB)" htmlFor="est-disk" error={errors.diskGb} hint="Used where stopped storage bills per GB (RunPod).">
          <input id="est-disk" type="number" min={0} className={inputCls} value={diskGb} onChange={(e) => setDiskGb(e.target.value)} aria-invalid={!!errors.diskGb} />
        </Field>
      </form>

      {!valid ? <p className="text-sm text-rose-700">Fix the highlighted fields to see the estimate.</p> : null}
      {valid ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Estimated monthly cost per provider</caption>
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-4 py-2">Provider</th>
                <th scope="col" className="px-4 py-2">Running</th>
                <th scope="col" className="px-4 py-2">Paused</th>
                <th scope="col" className="px-4 py-2">Total per month</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.providerSlug} data-testid="estimate-row" data-provider={r.providerSlug} className="border-t border-slate-200 align-top">
                  <th scope="row" className="px-4 py-2 font-medium">
                    <Link href={`/providers/${r.providerSlug}`} className="underline-offset-2 hover:underline">
                      {r.providerName}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">
                      {gpu} {r.vram}
                      {r.approximate ? ", approximate price" : ""}
                    </span>
                  </th>
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
            </tbody>
          </table>
          {rows.length === 0 ? <p className="p-4">No provider in the catalog lists a {gpu}.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
