"use client";

import { useRouter } from "next/navigation";
import { useToastAction } from "@/components/ui/use-toast-action";
import { adoptAction, checkProvidersAction, destroyFindingAction } from "@/lib/machines/reconcile-actions";
import { perHour } from "@/lib/money";

export interface FindingView {
  id: string;
  provider: string;
  providerLabel: string;
  kind: string;
  providerInstanceId: string;
  name: string | null;
  providerStatus: string | null;
  pricePerHourMicros: number | null;
  seenAt: string;
}

/** What the providers bill that this app does not know about, to adopt or destroy. */
export function ReconcilePanel({ findings }: { findings: FindingView[] }) {
  const router = useRouter();
  const { pending, trigger } = useToastAction(() => router.refresh());
  return (
    <section aria-labelledby="reconcile" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="reconcile" className="font-semibold">
          At the providers, not here
        </h2>
        <button
          type="button"
          {...trigger(checkProvidersAction, "Checked every provider")}
          className="ml-auto rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
        >
          {pending ? "Checking…" : "Check providers now"}
        </button>
      </div>
      {findings.length === 0 ? (
        <p className="text-sm text-slate-700">
          Nothing unknown: every instance carrying our tag has a machine here. Checked every two minutes.
        </p>
      ) : (
        <ul className="space-y-2">
          {findings.map((f) => (
            <li
              key={f.id}
              className="flex flex-wrap items-center gap-3 rounded-md border border-amber-400 bg-amber-50 p-2 text-sm"
              data-testid="finding"
            >
              <span>
                <strong>{f.kind === "orphan" ? "Billing, unknown here" : "Vanished at the provider"}</strong>:{" "}
                {f.providerLabel} instance {f.providerInstanceId}
                {f.name ? ` (${f.name})` : ""}
                {f.pricePerHourMicros != null ? `, ${perHour(f.pricePerHourMicros)}` : ""}
                {f.providerStatus ? `, ${f.providerStatus}` : ""}
              </span>
              <span className="ml-auto flex gap-2">
                {f.kind === "orphan" ? (
                  <>
                    <button
                      type="button"
                      {...trigger(() => adoptAction(f.id), "Adopted")}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1"
                    >
                      Adopt
                    </button>
                    <button
                      type="button"
                      {...trigger(() => destroyFindingAction(f.id), "Destroyed at the provider")}
                      className="rounded-md bg-rose-700 px-2 py-1 text-white"
                    >
                      Destroy
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    {...trigger(() => destroyFindingAction(f.id), "Marked as gone")}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1"
                  >
                    Mark as gone
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
