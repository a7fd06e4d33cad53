import type { Metadata } from "next";
import { CompareExplorer } from "@/components/catalog/compare-explorer";
import { BRIEF, PROVIDERS } from "@/lib/catalog/data";
import { compareRows } from "@/lib/catalog/compare";

export const metadata: Metadata = { title: "Compare GPU clouds" };

// Prerendered at build time from the typed catalog; filtering happens in the browser from the URL, and
// today's prices are fetched there too (GET /api/v1/live-prices says why), so this stays static HTML.
export default function ComparePage() {
  const rows = compareRows();
  const evidence = Object.fromEntries(PROVIDERS.map((p) => [p.slug, p.checkpoint]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Compare GPU clouds</h1>
      <p className="max-w-3xl text-slate-700">
        Every GPU model at every provider, per GPU-hour. Rows with a green edge can run cuda-checkpoint; the cheapest
        price of each GPU is marked. Where a provider&apos;s API lets us read them, today&apos;s prices (the cheapest
        offer listed, read every 15 minutes, with the time they were read) stand beside the seed prices from the{" "}
        {BRIEF.label}, with their dates; sorting, the price ceiling and the cheapest mark use today&apos;s price where
        there is one.
      </p>
      <CompareExplorer rows={rows} evidence={evidence} />
    </div>
  );
}
