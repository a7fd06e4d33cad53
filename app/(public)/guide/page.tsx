import type { Metadata } from "next";
import { Recommender } from "@/components/catalog/recommender";
import { ProviderLinks } from "@/components/catalog/provider-links";
import { Section } from "@/components/ui/section";
import { DataTable, RowHeader } from "@/components/ui/table";
import { DECISION_CASES } from "@/lib/catalog/data";

export const metadata: Metadata = { title: "Decision guide" };

export default function GuidePage() {
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Which GPU cloud for my case?</h1>
      <Section id="cases" title="Decision matrix" className="space-y-3">
        <DataTable columns={["Case", "Go to"]}>
          {DECISION_CASES.map((c) => (
            <tr key={c.id} className="border-t border-slate-200" data-testid="decision-case">
              <RowHeader>{c.title}</RowHeader>
              <td className="px-4 py-2">
                → {c.advice}
                <span className="block text-xs">
                  <ProviderLinks slugs={c.providers} />
                </span>
              </td>
            </tr>
          ))}
        </DataTable>
      </Section>
      <Section id="recommender" title="Recommender" className="space-y-3">
        <p className="text-slate-700">
          Tell us what you need; providers are ranked by fit, then by monthly cost (at today&apos;s price where a
          provider&apos;s API could be read, else the seed price), with the reason for each rank.
        </p>
        <Recommender />
      </Section>
    </div>
  );
}
