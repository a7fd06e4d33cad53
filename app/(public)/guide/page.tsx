import type { Metadata } from "next";
import { Recommender } from "@/components/catalog/recommender";
import { ProviderLinks } from "@/components/catalog/provider-links";
import { DECISION_CASES } from "@/lib/catalog/data";

export const metadata: Metadata = { title: "Decision guide" };

export default function GuidePage() {
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Which GPU cloud for my case?</h1>
      <section aria-labelledby="cases" className="space-y-3">
        <h2 id="cases" className="text-xl font-semibold">
          Decision matrix
        </h2>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-4 py-2">Case</th>
                <th scope="col" className="px-4 py-2">Go to</th>
              </tr>
            </thead>
            <tbody>
              {DECISION_CASES.map((c) => (
                <tr key={c.id} className="border-t border-slate-200" data-testid="decision-case">
                  <th scope="row" className="px-4 py-2 font-medium">
                    {c.title}
                  </th>
                  <td className="px-4 py-2">
                    → {c.advice}
                    <span className="block text-xs">
                      <ProviderLinks slugs={c.providers} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="recommender" className="space-y-3">
        <h2 id="recommender" className="text-xl font-semibold">
          Recommender
        </h2>
        <p className="text-slate-700">Tell us what you need; providers are ranked by fit, then by monthly cost (at today&apos;s price where a provider&apos;s API could be read, else the seed price), with the reason for each rank.</p>
        <Recommender />
      </section>
    </div>
  );
}
