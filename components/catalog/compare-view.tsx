"use client";

import Link from "next/link";
import { useMemo } from "react";
import {
  applyFilters,
  cheapestByGpu,
  priceOf,
  type CompareFilters,
  type CompareRow,
  type SortKey,
} from "@/lib/catalog/compare";
import type { LiveProviderStatus } from "@/lib/catalog/live";
import { CHECKPOINT_SUPPORT, GPU_MODELS, type CheckpointEvidence } from "@/lib/catalog/types";
import { formatPriceRange, microsToUsd, usdToMicros } from "@/lib/money";
import { LocalForm } from "@/components/ui/local-form";
import { DataTable, HeaderCell, SortableHeader } from "@/components/ui/table";
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
      <LocalForm
        label="Filters"
        className="flex flex-wrap items-end gap-6 rounded-lg border border-slate-200 bg-white p-4"
        data-ready={onChange ? "true" : "false"}
      >
        <CheckboxGroup
          legend="GPU model"
          name="gpu"
          options={GPU_MODELS}
          checked={filters.gpus}
          onToggle={(g) => set({ gpus: toggle(filters.gpus, g) })}
        />
        <CheckboxGroup
          legend="Checkpoint support"
          name="checkpoint"
          options={CHECKPOINT_SUPPORT}
          checked={filters.support}
          label={supportLabel}
          onToggle={(v) => set({ support: toggle(filters.support, v) })}
        />
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
      </LocalForm>

      <p className="text-sm text-slate-700" aria-live="polite">
        {visible.length} of {rows.length} prices shown.
      </p>

      <DataTable
        caption="Price per GPU-hour by GPU model and provider, today's live price beside the seed price, with cuda-checkpoint support"
        headClassName="bg-slate-100 text-slate-700"
        head={
          <tr>
            {COLUMNS.map((c) => {
              const active = filters.sort === c.key;
              return (
                <SortableHeader
                  key={c.key}
                  label={c.label}
                  sorted={active && filters.dir}
                  onSort={() => set({ sort: c.key, dir: active && filters.dir === "asc" ? "desc" : "asc" })}
                />
              );
            })}
            <HeaderCell>VRAM</HeaderCell>
            <HeaderCell>Source</HeaderCell>
          </tr>
        }
        footer={
          visible.length === 0 ? (
            <p className="p-4 text-sm">No price matches these filters. Clear a filter or raise the price ceiling.</p>
          ) : null
        }
      >
        {visible.map((r) => {
          const isCheapest = cheapest.get(r.gpu) === priceOf(r);
          const status = liveStatus[r.providerSlug];
          const capable = r.support === "yes";
          return (
            <tr
              key={r.id}
              data-testid="compare-row"
              data-provider={r.providerSlug}
              className={`border-t border-slate-200 ${capable ? "bg-emerald-50/70" : ""}`}
            >
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
                    <span className={`tabular-nums ${!r.live && isCheapest ? "font-bold text-emerald-900" : ""}`}>
                      {formatPriceRange(r)}
                    </span>{" "}
                    <span className="text-xs text-slate-700">seed{r.source.date ? `, ${r.source.date}` : ""}</span>
                  </span>
                </div>
                {!r.live && status ? (
                  <span className="block text-xs text-slate-600">No live price: {NO_LIVE_REASON[status]}</span>
                ) : null}
                {isCheapest ? (
                  <span className="mt-1 inline-block rounded bg-emerald-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                    Cheapest {r.gpu}
                  </span>
                ) : null}
                {r.note ? <span className="block text-xs text-slate-600">{r.note}</span> : null}
              </td>
              <td className="px-4 py-2">
                {evidence[r.providerSlug] ? (
                  <CheckpointBadge evidence={evidence[r.providerSlug]!} id={r.id.replace(/[^a-z0-9]/gi, "-")} />
                ) : null}
                <VerifiedNote provider={r.providerSlug} />
              </td>
              <td className="px-4 py-2">{r.vram}</td>
              <td className="px-4 py-2 text-xs text-slate-600">
                {r.source.date ? `${r.source.date}` : r.source.label}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </div>
  );
}

/** One checkbox per option, for a filter that takes any number of them. */
function CheckboxGroup<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly T[];
  checked: T[];
  label?: (v: T) => string;
  onToggle: (v: T) => void;
}) {
  const { legend, name, options, checked, label = (v: T) => v, onToggle } = props;
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-3">
        {options.map((v) => (
          <label key={v} className="flex items-center gap-1 text-sm">
            <input type="checkbox" name={name} value={v} checked={checked.includes(v)} onChange={() => onToggle(v)} />
            {label(v)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
