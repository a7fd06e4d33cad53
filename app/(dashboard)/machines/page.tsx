import type { Metadata } from "next";
import Link from "next/link";
import { MachinesTable } from "@/components/machines/machines-table";
import { ReconcilePanel } from "@/components/machines/reconcile-panel";
import { listFindings, listMachineDtos } from "@/lib/machines";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import { EmptyState } from "@/components/ui/empty-state";
import { signedIn } from "@/lib/server/signed-in";

export const metadata: Metadata = { title: "Machines" };

export default async function MachinesPage() {
  const { user, db } = await signedIn("/machines");
  const [machines, findings] = await Promise.all([listMachineDtos(db, user.id), listFindings(db, user.id)]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Machines</h1>
        <Link
          href="/deploy"
          className="ml-auto rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Deploy a machine
        </Link>
        <Link
          href="/machines/register"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          Register your own server
        </Link>
      </div>
      {machines.length === 0 ? (
        <EmptyState title="No machines yet" action={{ href: "/deploy", label: "Deploy a machine" }}>
          Every GPU machine you deploy or register will live here: provider, GPU, status, price per hour, uptime, cost
          so far, the SSH command, and the live cuda-checkpoint state of each CUDA process on it.
        </EmptyState>
      ) : (
        <MachinesTable initial={machines} />
      )}
      <ReconcilePanel
        findings={findings.map((f) => ({
          id: f.id,
          provider: f.provider,
          providerLabel: isProviderSlug(f.provider) ? PROVIDER_INFO[f.provider].label : f.provider,
          kind: f.kind,
          providerInstanceId: f.providerInstanceId,
          name: f.name,
          providerStatus: f.providerStatus,
          pricePerHourMicros: f.pricePerHourMicros,
          seenAt: f.seenAt.toISOString(),
        }))}
      />
    </div>
  );
}
