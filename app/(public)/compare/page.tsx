import type { Metadata } from "next";
import { CompareExplorer } from "@/components/catalog/compare-explorer";
import { BRIEF, PROVIDERS } from "@/lib/catalog/data";
import { compareRows } from "@/lib/catalog/compare";

export const metadata: Metadata = { title: "Compare GPU clouds" };

// Prerendered at build time from the typed catalog; filtering happens in the browser from the URL.
export default function ComparePage() {
  const rows = compareRows();
  const evidence = Object.fromEntries(PROVIDERS.map((p) => [p.slug, p.checkpoint]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Compare GPU clouds</h1>
      <p className="max-w-3xl text-slate-700">
        Every GPU model at every provider, per GPU-hour. Rows with a green edge can run cuda-checkpoint; the cheapest price of each GPU is
        marked. Prices are from the {BRIEF.label}.
      </p>
      <CompareExplorer rows={rows} evidence={evidence} />
    </div>
  );
}
