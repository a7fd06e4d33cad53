"use client";

import Link from "next/link";
import { useMemo } from "react";
import { applyFilters, cheapestByGpu, priceOf, type CompareFilters, type CompareRow, type SortKey } from "@/lib/catalog/compare";
import type { LiveProviderStatus } from "@/lib/catalog/live";
import { CHECKPOINT_SUPPORT, GPU_MODELS, type CheckpointEvidence } from "@/lib/catalog/types";
import { formatPriceRange, microsToUsd, usdToMicros } from "@/lib/money";
import { CheckpointBadge, supportLabel } from "./checkpoint-badge";
import { LiveQuoteText } from "./live-prices";
import { VerifiedNote } from "./verified-note";

interface Props {
  rows: CompareRow[];
  evidence: Record<string, CheckpointEvidence>;
  /** The last live-price refresh per provider; empty until loaded and for providers without an API. */
  liveStatus?: Record<string, LiveProviderStatus["status"]>;
  filters: CompareFilters;
  /** Absent until hydrated: the prerendered controls render but do nothing before then. */
  onChange?: (next: CompareFilters) => void;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: "gpu", label: "GPU" },
  { key: "provider", label: "Provider" },
  { key: "price", label: "Price per GPU-hour (live · seed)" },
  { key: "checkpoint", label: "Checkpoint" },
];

// Why a row has no live price, where the app reads that provider at all.
const NO_LIVE_REASON: Record<LiveProviderStatus["status"], string> = {
  ok: "not listed today",
  "no-key": "reading it needs an API key stored in Settings",
  failed: "the provider did not answer",
};

export function CompareView({ rows, evidence, liveStatus = {}, filters, onChange }: Props) {
  const visible = useMemo(() => applyFilters(rows, filters), [rows, filters]);
  const cheapest = useMemo(() => cheapestByGpu(visible), [visible]);
  const set = (patch: Partial<CompareFilters>) => onChange?.({ ...filters, ...patch });
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-6 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Filters"
        data-ready={onChange ? "true" : "false"}
      >
        <fieldset>
          <legend className="text-sm font-medium">GPU model</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {GPU_MODELS.map((g) => (
              <label key={g} className="flex items-center gap-1 text-sm">
                <input type="checkbox" name="gpu" value={g} checked={filters.gpus.includes(g)} onChange={() => set({ gpus: toggle(filters.gpus, g) })} />
                {g}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium">Checkpoint support</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {CHECKPOINT_SUPPORT.map((s) => (
              <label key={s} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  name="checkpoint"
                  value={s}
                  checked={filters.support.includes(s)}
                  onChange={() => set({ support: toggle(filters.support, s) })}
                />
                {supportLabel(s)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="text-sm font-medium">
          Max $ per GPU-hour
          <input
            type="number"
            name="max"
            min={0}
            step={0.05}
            inputMode="decimal"
            placeholder="any"
            className="mt-1 block w-28 rounded-md border border-slate-300 px-2 py-1 font-normal"
            value={filters.maxPriceMicros == null ? "" : microsToUsd(filters.maxPriceMicros)}
            onChange={(e) => {
              const v = e.target.valueAsNumber;
              set({ maxPriceMicros: Number.isFinite(v) && v > 0 ? usdToMicros(v) : null });
            }}
          />
        </label>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
          onClick={() => onChange?.({ gpus: [], support: [], maxPriceMicros: null, sort: "price", dir: "asc" })}
        >
          Clear filters
        </button>
      </form>

      <p className="text-sm text-slate-700" aria-live="polite">
        {visible.length} of {rows.length} prices shown.
      </p>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Price per GPU-hour by GPU model and provider, today&apos;s live price beside the seed price, with cuda-checkpoint support</caption>
          <thead className="bg-slate-100 text-slate-700">
            <tr>
              {COLUMNS.map((c) => {
                const active = filters.sort === c.key;
                return (
                  <th key={c.key} scope="col" className="px-4 py-2" aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : "none"}>
                    <button
                      type="button"
                      className="font-semibold hover:underline"
                      onClick={() => set({ sort: c.key, dir: active && filters.dir === "asc" ? "desc" : "asc" })}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (filters.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" className="px-4 py-2">
                VRAM
              </th>
              <th scope="col" className="px-4 py-2">
                Source
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const isCheapest = cheapest.get(r.gpu) === priceOf(r);
              const status = liveStatus[r.providerSlug];
              const capable = r.support === "yes";
              return (
                <tr key={r.id} data-testid="compare-row" data-provider={r.providerSlug} className={`border-t border-slate-200 ${capable ? "bg-emerald-50/70" : ""}`}>
                  <td className="px-4 py-2 font-medium">{r.gpu}</td>
                  <td className={`px-4 py-2 ${capable ? "border-l-4 border-emerald-600" : ""}`}>
                    <Link href={`/providers/${r.providerSlug}`} className="underline-offset-2 hover:underline">
                      {r.providerName}
                    </Link>
                  </td>
                  <td className="px-4 py-2">
                    {/* Today's price and the seed's, side by side; the row sorts and filters by today's where there is one. */}
                    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
                      {r.live ? <LiveQuoteText quote={r.live} className={isCheapest ? "text-emerald-900" : ""} /> : null}
                      <span data-testid="seed-price" className={r.live ? "text-xs text-slate-700" : ""}>
                        <span className={`tabular-nums ${!r.live && isCheapest ? "font-bold text-emerald-900" : ""}`}>{formatPriceRange(r)}</span>{" "}
                        <span className="text-xs text-slate-700">seed{r.source.date ? `, ${r.source.date}` : ""}</span>
                      </span>
                    </div>
                    {!r.live && status ? <span className="block text-xs text-slate-600">No live price: {NO_LIVE_REASON[status]}</span> : null}
                    {isCheapest ? (
                      <span className="mt-1 inline-block rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-semibold text-white">Cheapest {r.gpu}</span>
                    ) : null}
                    {r.note ? <span className="block text-xs text-slate-600">{r.note}</span> : null}
                  </td>
                  <td className="px-4 py-2">
                    {evidence[r.providerSlug] ? <CheckpointBadge evidence={evidence[r.providerSlug]!} id={r.id.replace(/[^a-z0-9]/gi, "-")} /> : null}
                    <VerifiedNote provider={r.providerSlug} />
                  </td>
                  <td className="px-4 py-2">{r.vram}</td>
                  <td className="px-4 py-2 text-xs text-slate-600">{r.source.date ? `${r.source.date}` : r.source.label}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {visible.length === 0 ? <p className="p-4 text-sm">No price matches these filters. Clear a filter or raise the price ceiling.</p> : null}
      </div>
    </div>
  );
}
