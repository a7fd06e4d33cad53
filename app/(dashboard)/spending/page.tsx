import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Spending" };

export default function SpendingPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Spending</h1>
      <EmptyState title="Nothing spent yet" action={{ href: "/estimate", label: "Estimate a month" }}>
        What every machine has cost, costs now and will cost this month, including what stopped machines still bill, with budgets and
        alerts.
      </EmptyState>
    </div>
  );
}
