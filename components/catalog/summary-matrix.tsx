import Link from "next/link";
import { DataTable, RowHeader } from "@/components/ui/table";
import { BRIEF, PROVIDERS } from "@/lib/catalog/data";
import { CheckpointBadge } from "./checkpoint-badge";
import { LivePriceNote } from "./live-prices";

/** The brief's executive summary: provider, H100 $/h (with today's price beside it where read), checkpoint support, recommendation. */
export function SummaryMatrix() {
  return (
    <DataTable
      caption="GPU clouds: H100 price per hour, cuda-checkpoint support and recommendation"
      headClassName="bg-slate-100 text-slate-700"
      columns={["Provider", "H100 price/hr", "Checkpoint?", "Recommendation"]}
    >
      {PROVIDERS.map((p) => (
        <tr
          key={p.slug}
          className={`border-t border-slate-200 ${p.checkpoint.support === "yes" ? "bg-emerald-50/60" : ""}`}
        >
          <RowHeader>
            <Link href={`/providers/${p.slug}`} className="text-slate-900 underline-offset-2 hover:underline">
              {p.name}
            </Link>
          </RowHeader>
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
    </DataTable>
  );
}
