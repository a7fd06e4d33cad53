"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { validateEstimate } from "@/lib/catalog/estimate";
import { basisLabel } from "@/lib/catalog/live";
import { recommend } from "@/lib/catalog/recommend";
import { formatUsd, usdToMicros } from "@/lib/money";
import { BulletList } from "@/components/ui/bullet-list";
import { LocalForm } from "@/components/ui/local-form";
import { NumberField } from "@/components/ui/number-field";
import { Section } from "@/components/ui/section";
import { useLiveIndex } from "./live-prices";
import { parseUsage, UsageFields, useUsage } from "./usage-fields";

const TIER = ["Fits", "Over budget", "Partly fits", "Does not fit"] as const;

/** "Which provider for my case?": ranks providers with a monthly cost and the reason for each rank. */
export function Recommender() {
  // Today's prices where a provider could be read; each rank's reasons say "live, as of …" or "seed, <date>".
  const live = useLiveIndex();
  const [needsCheckpoint, setNeedsCheckpoint] = useState(true);
  const [compliance, setCompliance] = useState(false);
  const [usage, setUsage] = useUsage({ gpu: "H100", count: "1", hoursRunning: "200", hoursPaused: "100" });
  const [budget, setBudget] = useState("");

  const parsed = parseUsage(usage);
  const errors = Object.fromEntries(validateEstimate({ ...parsed, diskGb: 100 }).map((e) => [e.field, e.message]));
  const budgetNum = budget.trim() === "" ? null : Number(budget);
  if (budgetNum !== null && (!Number.isFinite(budgetNum) || budgetNum < 0 || budgetNum > 10_000_000))
    errors.budget = "Enter a monthly budget in dollars, or leave it empty.";
  const valid = Object.keys(errors).length === 0;

  const budgetMicros = budgetNum === null ? null : usdToMicros(budgetNum);
  const { gpu, count, hoursRunning, hoursPaused } = parsed;
  const ranked = useMemo(
    () =>
      valid
        ? recommend(
            { needsCheckpoint, compliance, gpu, count, hoursRunning, hoursPaused, budgetMicros },
            undefined,
            live,
          )
        : [],
    [valid, needsCheckpoint, compliance, gpu, count, hoursRunning, hoursPaused, budgetMicros, live],
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <LocalForm label="Your case" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={needsCheckpoint} onChange={(e) => setNeedsCheckpoint(e.target.checked)} />I
          need cuda-checkpoint
        </label>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={compliance} onChange={(e) => setCompliance(e.target.checked)} />I need
          enterprise compliance
        </label>
        <UsageFields idPrefix="rec" perMonth="per month" value={usage} onChange={setUsage} errors={errors} />
        <NumberField
          id="rec-budget"
          label="Monthly budget ($, optional)"
          min={0}
          value={budget}
          onChange={setBudget}
          error={errors.budget}
        />
      </LocalForm>

      <Section
        id="ranking"
        title={
          <>
            Ranking for {usage.count || "?"}× {usage.gpu}
          </>
        }
        titleClassName="text-lg font-semibold"
        aria-live="polite"
      >
        {!valid ? <p className="mt-2 text-sm text-rose-700">Fix the highlighted fields to see a ranking.</p> : null}
        {valid && ranked.length === 0 ? <p className="mt-2">No provider in the catalog lists a {usage.gpu}.</p> : null}
        <ol className="mt-3 space-y-3">
          {ranked.map((r) => (
            <li
              key={r.providerSlug}
              data-testid="recommendation"
              className={`rounded-lg border bg-white p-4 ${r.fits ? "border-emerald-600" : "border-slate-200"}`}
            >
              <div className="flex flex-wrap items-baseline gap-x-3">
                <span className="text-lg font-bold">#{r.rank}</span>
                <Link
                  href={`/providers/${r.providerSlug}`}
                  className="text-lg font-semibold underline-offset-2 hover:underline"
                >
                  {r.providerName}
                </Link>
                <span className="tabular-nums">
                  {r.estimate.atLeast ? "≥ " : ""}
                  {formatUsd(r.estimate.total.min)}
                  {r.estimate.total.max !== r.estimate.total.min ? `-${formatUsd(r.estimate.total.max)}` : ""} / month
                </span>
                <span
                  className="text-xs text-slate-700"
                  data-testid="recommendation-basis"
                  data-basis={r.estimate.basis.kind}
                >
                  {basisLabel(r.estimate.basis)}
                </span>
                <span className={`text-xs font-semibold ${r.fits ? "text-emerald-800" : "text-slate-600"}`}>
                  {TIER[r.tier]}
                </span>
              </div>
              <BulletList items={r.reasons} className="mt-1 list-disc pl-5 text-sm text-slate-700" />
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
