import Link from "next/link";
import { SummaryMatrix } from "@/components/catalog/summary-matrix";
import { ProviderLinks } from "@/components/catalog/provider-links";
import { Section } from "@/components/ui/section";
import { DECISION_CASES } from "@/lib/catalog/data";

export default function HomePage() {
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight">Rent GPUs by the hour. Pause without losing your work.</h1>
        <p className="max-w-3xl text-slate-700">
          NVIDIA&apos;s cuda-checkpoint can freeze a CUDA process, move its GPU memory to the host and bring it back
          later, but only where the cloud gives you root or a privileged container. Most GPU clouds don&apos;t.
          DumontCloud shows which do, what each costs, deploys a machine on the right one, and shows the checkpoint
          state of every CUDA process on it.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/compare" className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">
            Compare GPU clouds
          </Link>
          <Link
            href="/guide"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
          >
            Which provider for my case?
          </Link>
          <Link
            href="/sign-up"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
          >
            Create an account
          </Link>
        </div>
      </section>

      <Section id="summary" title="Summary" className="space-y-3">
        <SummaryMatrix />
        <p className="text-sm text-slate-600">Hover or focus a checkpoint badge for the evidence behind it.</p>
      </Section>

      <Section id="cases" title="In short" className="space-y-3">
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {DECISION_CASES.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h3 className="font-medium">{c.title}</h3>
              <p className="mt-1 text-sm text-slate-700">→ {c.advice}</p>
              <p className="mt-2 text-xs text-slate-600">
                <ProviderLinks slugs={c.providers} />
              </p>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
