"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { validateEstimate } from "@/lib/catalog/estimate";
import { basisLabel } from "@/lib/catalog/live";
import { recommend } from "@/lib/catalog/recommend";
import { GPU_MODELS, type GpuModel } from "@/lib/catalog/types";
import { formatUsd, usdToMicros } from "@/lib/money";
import { Field, inputCls } from "@/components/ui/field";
import { useLiveIndex } from "./live-prices";

// An empty field is missing, not zero.
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

const TIER = ["Fits", "Over budget", "Partly fits", "Does not fit"] as const;

/** "Which provider for my case?": ranks providers with a monthly cost and the reason for each rank. */
export function Recommender() {
  // Today's prices where a provider could be read; each rank's reasons say "live, as of …" or "seed, <date>".
  const live = useLiveIndex();
  const [needsCheckpoint, setNeedsCheckpoint] = useState(true);
  const [compliance, setCompliance] = useState(false);
  const [gpu, setGpu] = useState<GpuModel>("H100");
  const [count, setCount] = useState("1");
  const [hoursRunning, setHoursRunning] = useState("200");
  const [hoursPaused, setHoursPaused] = useState("100");
  const [budget, setBudget] = useState("");

  const parsed = {
    gpu,
    count: num(count),
    hoursRunning: num(hoursRunning),
    hoursPaused: num(hoursPaused),
    diskGb: 100,
  };
  const errors = Object.fromEntries(validateEstimate(parsed).map((e) => [e.field, e.message]));
  const budgetNum = budget.trim() === "" ? null : Number(budget);
  if (budgetNum !== null && (!Number.isFinite(budgetNum) || budgetNum < 0 || budgetNum > 10_000_000)) errors.budget = "Enter a monthly budget in dollars, or leave it empty.";
  const valid = Object.keys(errors).length === 0;

  const ranked = useMemo(
    () =>
      valid
        ? recommend({
            needsCheckpoint,
            compliance,
            gpu,
            count: parsed.count,
            hoursRunning: parsed.hoursRunning,
            hoursPaused: parsed.hoursPaused,
            budgetMicros: budgetNum === null ? null : usdToMicros(budgetNum),
          }, undefined, live)
        : [],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [valid, needsCheckpoint, compliance, gpu, count, hoursRunning, hoursPaused, budget, live],
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <form className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => e.preventDefault()} aria-label="Your case">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={needsCheckpoint} onChange={(e) => setNeedsCheckpoint(e.target.checked)} />
          I need cuda-checkpoint
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={compliance} onChange={(e) => setCompliance(e.target.checked)} />
          I need enterprise compliance
        </label>
        <Field label="GPU model" htmlFor="rec-gpu">
          <select id="rec-gpu" className={inputCls} value={gpu} onChange={(e) => setGpu(e.target.value as GpuModel)}>
            {GPU_MODELS.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </Field>
        <Field label="GPUs" htmlFor="rec-count" error={errors.count}>
          <input id="rec-count" className={inputCls} type="number" min={1} max={8} value={count} onChange={(e) => setCount(e.target.value)} aria-invalid={!!errors.count} />
        </Field>
        <Field label="Hours running per month" htmlFor="rec-run" error={errors.hoursRunning}>
          <input id="rec-run" className={inputCls} type="number" min={0} max={744} value={hoursRunning} onChange={(e) => setHoursRunning(e.target.value)} aria-invalid={!!errors.hoursRunning} />
        </Field>
        <Field label="Hours paused per month" htmlFor="rec-paused" error={errors.hoursPaused}>
          <input id="rec-paused" className={inputCls} type="number" min={0} max={744} value={hoursPaused} onChange={(e) => setHoursPaused(e.target.value)} aria-invalid={!!errors.hoursPaused} />
        </Field>
        <Field label="Monthly budget ($, optional)" htmlFor="rec-budget" error={errors.budget}>
          <input id="rec-budget" className={inputCls} type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} aria-invalid={!!errors.budget} />
        </Field>
      </form>

      <section aria-labelledby="ranking" aria-live="polite">
        <h2 id="ranking" className="text-lg font-semibold">
          Ranking for {count || "?"}× {gpu}
        </h2>
        {!valid ? <p className="mt-2 text-sm text-rose-700">Fix the highlighted fields to see a ranking.</p> : null}
        {valid && ranked.length === 0 ? <p className="mt-2">No provider in the catalog lists a {gpu}.</p> : null}
        <ol className="mt-3 space-y-3">
          {ranked.map((r) => (
            <li key={r.providerSlug} data-testid="recommendation" className={`rounded-lg border bg-white p-4 ${r.fits ? "border-emerald-600" : "border-slate-200"}`}>
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="text-lg font-bold">#{r.rank}</span>
                <Link href={`/providers/${r.providerSlug}`} className="text-lg font-semibold underline-offset-2 hover:underline">
                  {r.providerName}
                </Link>
                <span className="tabular-nums">
                  {r.estimate.atLeast ? "≥ " : ""}
                  {formatUsd(r.estimate.total.min)}
                  {r.estimate.total.max !== r.estimate.total.min ? `-${formatUsd(r.estimate.total.max)}` : ""} / month
                </span>
                <span className="text-xs text-slate-700" data-testid="recommendation-basis" data-basis={r.estimate.basis.kind}>
                  {basisLabel(r.estimate.basis)}
                </span>
                <span className={`text-xs font-semibold ${r.fits ? "text-emerald-800" : "text-slate-600"}`}>{TIER[r.tier]}</span>
              </div>
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                {r.reasons.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
