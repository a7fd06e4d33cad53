import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckpointBadge } from "@/components/catalog/checkpoint-badge";
import { LivePriceNote } from "@/components/catalog/live-prices";
import { SourceLine, SourceLines } from "@/components/catalog/source-line";
import { VerifiedNote } from "@/components/catalog/verified-note";
import { BulletList } from "@/components/ui/bullet-list";
import { Section } from "@/components/ui/section";
import { DataTable } from "@/components/ui/table";
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

/** One headline figure: its term, then its <dd> values. */
function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-600">{term}</dt>
      {children}
    </div>
  );
}

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
          <Fact term="H100 per hour">
            <dd className="text-xl font-semibold tabular-nums">{p.headlineH100.label}</dd>
            <dd className="text-sm">
              <LivePriceNote provider={p.slug} gpu="H100" />
            </dd>
          </Fact>
          <Fact term="Checkpoint">
            <dd className="pt-1">
              <CheckpointBadge evidence={p.checkpoint} id={`provider-${p.slug}`} />
              <VerifiedNote provider={p.slug} />
            </dd>
          </Fact>
          <Fact term="Billing">
            <dd className="font-medium">{GRANULARITY[p.billing.granularity]}</dd>
          </Fact>
          <Fact term="Recommendation">
            <dd className="font-medium">{p.recommendation}</dd>
          </Fact>
        </dl>
      </header>

      <Section id="prices" title="Prices" className="space-y-2">
        {p.priceNote ? <p className="text-slate-700">{p.priceNote}</p> : null}
        <p className="text-sm text-slate-700">
          Seed prices carry their source and date. &quot;Today&quot; is the cheapest offer per GPU model read from the
          provider&apos;s own API every 15 minutes, with the time it was read; it is empty where the provider cannot be
          read.
        </p>
        <DataTable columns={["GPU", "VRAM", "Price per hour (seed)", "Source", "Today (live)"]}>
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
        </DataTable>
      </Section>

      <Section id="checkpoint" title={<>Checkpoint support: {p.checkpoint.summary}</>} className="space-y-2">
        <p className="text-sm text-slate-700">
          {p.checkpoint.testedOn
            ? `Tested and checked by hand on ${p.checkpoint.testedOn}.`
            : p.checkpoint.confirmed
              ? "As stated in the brief."
              : "Not confirmed by a test."}
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
        <SourceLines sources={p.checkpoint.sources} />
      </Section>

      <Section id="paused" title="What a paused machine still bills" className="space-y-2">
        <p>{p.paused.summary}</p>
        <p className="text-sm">
          Can stop a machine:{" "}
          <strong>
            {p.paused.canStop === null ? "not verified" : p.paused.canStop ? "yes" : "no, only terminate"}
          </strong>
        </p>
        <SourceLines sources={p.paused.sources} />
        <p className="text-sm">
          Billing granularity: <strong>{GRANULARITY[p.billing.granularity]}</strong>. {p.billing.note}.{" "}
          <SourceLine source={p.billing.source} />
        </p>
      </Section>

      <div className="grid gap-6 sm:grid-cols-2">
        {[
          { id: "pros", title: "Pros", items: p.pros },
          { id: "cons", title: "Cons", items: p.cons },
        ].map((list) => (
          <Section key={list.id} id={list.id} title={list.title}>
            <BulletList items={list.items} className="mt-2 list-disc pl-5" />
          </Section>
        ))}
      </div>

      {p.extraFacts.length ? (
        <Section id="more" title="More facts" className="space-y-2">
          {p.extraFacts.map((f) => (
            <p key={f.text}>
              {f.text} <SourceLine source={f.source} />
            </p>
          ))}
        </Section>
      ) : null}

      {cases.length ? (
        <Section id="when" title="Recommended for" className="space-y-2">
          <ul className="list-disc pl-5">
            {cases.map((c) => (
              <li key={c.id}>
                {c.title}: {c.advice}
              </li>
            ))}
          </ul>
        </Section>
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
