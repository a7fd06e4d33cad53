import Link from "next/link";
import { BRIEF, PROVIDERS } from "@/lib/catalog/data";
import { CheckpointBadge } from "./checkpoint-badge";
import { LivePriceNote } from "./live-prices";

/** The brief's executive summary: provider, H100 $/h (with today's price beside it where read), checkpoint support, recommendation. */
export function SummaryMatrix() {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">GPU clouds: H100 price per hour, cuda-checkpoint support and recommendation</caption>
        <thead className="bg-slate-100 text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2">Provider</th>
            <th scope="col" className="px-4 py-2">H100 price/hr</th>
            <th scope="col" className="px-4 py-2">Checkpoint?</th>
            <th scope="col" className="px-4 py-2">Recommendation</th>
          </tr>
        </thead>
        <tbody>
          {PROVIDERS.map((p) => (
            <tr key={p.slug} className={`border-t border-slate-200 ${p.checkpoint.support === "yes" ? "bg-emerald-50/60" : ""}`}>
              <th scope="row" className="px-4 py-2 font-medium">
                <Link href={`/providers/${p.slug}`} className="text-slate-900 underline-offset-2 hover:underline">
                  {p.name}
                </Link>
              </th>
              <td className="px-4 py-2 tabular-nums">
                {p.headlineH100.label} <span className="text-xs text-slate-600">seed, {BRIEF.date}</span>
                <LivePriceNote provider={p.slug} gpu="H100" />
              </td>
              <td className="px-4 py-2">
                <CheckpointBadge evidence={p.checkpoint} id={`summary-${p.slug}`} />
              </td>
              <td className="px-4 py-2">{p.recommendation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
