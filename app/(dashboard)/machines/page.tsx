import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Machines" };

export default function MachinesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Machines</h1>
      <EmptyState title="No machines yet" action={{ href: "/deploy", label: "Deploy a machine" }}>
        Every GPU machine you deploy or register will live here: provider, GPU, status, price per hour, uptime, cost so far, the SSH
        command, and the live cuda-checkpoint state of each CUDA process on it.
      </EmptyState>
    </div>
  );
}
