import type { Metadata } from "next";
import { BulletList } from "@/components/ui/bullet-list";
import { CopyButton } from "@/components/ui/copy-button";
import { TENSORDOCK_SETUP } from "@/lib/catalog/setup-guide";

export const metadata: Metadata = { title: "TensorDock setup" };

export default function TensorDockSetupPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Set up TensorDock for DumontCloud</h1>
      <p role="note" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
        <strong>Stop only reduces billing. Destroy ends it.</strong> A stopped TensorDock machine still bills about
        10-20% of its price while its disk is kept.
      </p>
      <ol className="space-y-6">
        {TENSORDOCK_SETUP.map((step, i) => (
          <li key={step.title} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="text-lg font-semibold">
              {i + 1}. {step.title}
            </h2>
            {step.text ? <p className="mt-1">{step.text}</p> : null}
            {step.link ? (
              <p className="mt-1">
                <a href={step.link.href} className="underline" rel="noreferrer">
                  {step.link.label}
                </a>
              </p>
            ) : null}
            {step.bullets ? <BulletList items={step.bullets} className="mt-1 list-disc pl-5" /> : null}
            {step.commands?.map((block) => (
              <div key={block.lines.join()} className="mt-3">
                {block.comment ? <p className="text-sm text-slate-700"># {block.comment}</p> : null}
                <div className="mt-1 space-y-1">
                  {block.lines.map((line) => (
                    <div
                      key={line}
                      className="flex items-center justify-between gap-2 rounded bg-slate-900 px-3 py-1.5"
                    >
                      <code className="font-mono text-sm text-slate-50">{line}</code>
                      <CopyButton text={line} />
                    </div>
                  ))}
                </div>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
