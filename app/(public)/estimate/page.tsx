import type { Metadata } from "next";
import { Estimator } from "@/components/catalog/estimator";

export const metadata: Metadata = { title: "Cost estimator" };

export default function EstimatePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">What will it cost a month?</h1>
      <p className="max-w-3xl text-slate-700">
        A paused machine is not free everywhere: a stopped TensorDock machine still bills about 10-20% of its price,
        Lambda cannot stop at all, and RunPod bills a stopped volume at twice its running rate. Ranges stay ranges;
        unknown paused costs are marked. Each figure uses today&apos;s price where the provider&apos;s API could be read
        (&quot;live, as of …&quot;), else the seed price with its date.
      </p>
      <Estimator />
    </div>
  );
}
