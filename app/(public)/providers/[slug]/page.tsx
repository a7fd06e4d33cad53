import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckpointBadge } from "@/components/catalog/checkpoint-badge";
import { LivePriceNote } from "@/components/catalog/live-prices";
import { SourceLine } from "@/components/catalog/source-line";
import { VerifiedNote } from "@/components/catalog/verified-note";
import { DECISION_CASES, getProvider, PROVIDERS } from "@/lib/catalog/data";
import { formatPriceRange } from "@/lib/money";

export const dynamicParams = false;
export const generateStaticParams = () => PROVIDERS.map((p) => ({ slug: p.slug }));

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const p = getProvider((await params).slug);
  return { title: p ? `${p.name}: prices and checkpoint support` : "Provider" };
}

const GRANULARITY = { second: "per second", minute: "per minute", hour: "per hour" } as const;
const RESULT = { pass: "✓", fail: "✕", info: "•" } as const;

export default async function ProviderPage({ params }: { params: Promise<{ slug: string }> }) {
  const p = getProvider((await params).slug);
  if (!p) notFound();
  const cases = DECISION_CASES.filter((c) => c.providers.includes(p.slug));
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/compare" className="underline">
            ← All providers
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{p.name}</h1>
        <p className="text-slate-700">
          {p.type}
          {p.website ? (
            <>
              {" · "}
              <a href={p.website} className="underline" rel="noreferrer">
                {p.website}
              </a>
            </>
          ) : null}
        </p>
        <dl className="grid max-w-3xl grid-cols-2 gap-4 pt-2 sm:grid-cols-4">
          <div>
            <dt className="text-xs uppercase text-slate-600">H100 per hour</dt>
            <dd className="text-xl font-semibold tabular-nums">{p.headlineH100.label}</dd>
            <dd className="text-sm">
              <LivePriceNote provider={p.slug} gpu="H100" />
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">Checkpoint</dt>
            <dd className="pt-1">
              <CheckpointBadge evidence={p.checkpoint} id={`provider-${p.slug}`} />
              <VerifiedNote provider={p.slug} />
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">Billing</dt>
            <dd className="font-medium">{GRANULARITY[p.billing.granularity]}</dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">Recommendation</dt>
            <dd className="font-medium">{p.recommendation}</dd>
          </div>
        </dl>
      </header>

      <section aria-labelledby="prices" className="space-y-2">
        <h2 id="prices" className="text-xl font-semibold">
          Prices
        </h2>
        {p.priceNote ? <p className="text-slate-700">{p.priceNote}</p> : null}
        <p className="text-sm text-slate-700">
          Seed prices carry their source and date. &quot;Today&quot; is the cheapest offer per GPU model read from the provider&apos;s own API
          every 15 minutes, with the time it was read; it is empty where the provider cannot be read.
        </p>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-4 py-2">GPU</th>
                <th scope="col" className="px-4 py-2">VRAM</th>
                <th scope="col" className="px-4 py-2">Price per hour (seed)</th>
                <th scope="col" className="px-4 py-2">Source</th>
                <th scope="col" className="px-4 py-2">Today (live)</th>
              </tr>
            </thead>
            <tbody>
              {p.prices.map((x) => (
                <tr key={`${x.gpu}-${x.vram}`} className="border-t border-slate-200">
                  <td className="px-4 py-2 font-medium">{x.gpu}</td>
                  <td className="px-4 py-2">{x.vram}</td>
                  <td className="px-4 py-2 tabular-nums">
                    {formatPriceRange(x)}
                    {x.note ? <span className="block text-xs text-slate-600">{x.note}</span> : null}
                  </td>
                  <td className="px-4 py-2">
                    <SourceLine source={x.source} />
                  </td>
                  <td className="px-4 py-2">
                    <LivePriceNote provider={p.slug} gpu={x.gpu} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="checkpoint" className="space-y-2">
        <h2 id="checkpoint" className="text-xl font-semibold">
          Checkpoint support: {p.checkpoint.summary}
        </h2>
        <p className="text-sm text-slate-700">
          {p.checkpoint.testedOn ? `Tested and checked by hand on ${p.checkpoint.testedOn}.` : p.checkpoint.confirmed ? "As stated in the brief." : "Not confirmed by a test."}
        </p>
        <ul className="space-y-1">
          {p.checkpoint.items.map((i) => (
            <li key={i.check}>
              <span aria-hidden="true">{RESULT[i.result]}</span> <span className="font-medium">{i.check}</span>
              {i.detail ? `: ${i.detail}` : ""}
              <span className="sr-only"> ({i.result})</span>
            </li>
          ))}
        </ul>
        {p.checkpoint.sources.map((s) => (
          <p key={s.label}>
            <SourceLine source={s} />
          </p>
        ))}
      </section>

      <section aria-labelledby="paused" className="space-y-2">
        <h2 id="paused" className="text-xl font-semibold">
          What a paused machine still bills
        </h2>
        <p>{p.paused.summary}</p>
        <p className="text-sm">
          Can stop a machine: <strong>{p.paused.canStop === null ? "not verified" : p.paused.canStop ? "yes" : "no, only terminate"}</strong>
        </p>
        {p.paused.sources.map((s) => (
          <p key={s.label}>
            <SourceLine source={s} />
          </p>
        ))}
        <p className="text-sm">
          Billing granularity: <strong>{GRANULARITY[p.billing.granularity]}</strong>. {p.billing.note}. <SourceLine source={p.billing.source} />
        </p>
      </section>

      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="pros">
          <h2 id="pros" className="text-xl font-semibold">
            Pros
          </h2>
          <ul className="mt-2 list-disc pl-5">
            {p.pros.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="cons">
          <h2 id="cons" className="text-xl font-semibold">
            Cons
          </h2>
          <ul className="mt-2 list-disc pl-5">
            {p.cons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
      </div>

      {p.extraFacts.length ? (
        <section aria-labelledby="more" className="space-y-2">
          <h2 id="more" className="text-xl font-semibold">
            More facts
          </h2>
          {p.extraFacts.map((f) => (
            <p key={f.text}>
              {f.text} <SourceLine source={f.source} />
            </p>
          ))}
        </section>
      ) : null}

      {cases.length ? (
        <section aria-labelledby="when" className="space-y-2">
          <h2 id="when" className="text-xl font-semibold">
            Recommended for
          </h2>
          <ul className="list-disc pl-5">
            {cases.map((c) => (
              <li key={c.id}>
                {c.title}: {c.advice}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.slug === "tensordock" ? (
        <p>
          <Link href="/setup/tensordock" className="underline">
            Set up TensorDock for DumontCloud, step by step →
          </Link>
        </p>
      ) : null}
    </article>
  );
}
