import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Deploy" };

export default function DeployPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Deploy</h1>
      <EmptyState title="One click to a GPU machine" action={{ href: "/guide", label: "Pick a provider first" }}>
        Here you will choose a provider and an offer, see its price per hour, what it still bills when stopped and whether it can run
        cuda-checkpoint, and deploy it with one click.
      </EmptyState>
    </div>
  );
}
