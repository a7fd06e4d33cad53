"use client";

import { useRouter } from "next/navigation";
import { DestroyDialog } from "@/components/machines/destroy-dialog";
import type { StoppedBillingDto } from "@/lib/spending";
import { formatUsd } from "@/lib/money";

/** Stopped machines that still bill, with what each costs per day and the machine page's destroy dialog. */
export function StoppedBilling({
  items,
  rest,
}: {
  items: StoppedBillingDto[];
  rest: { count: number; perDayMicros: number };
}) {
  const router = useRouter();
  if (items.length === 0) return <p className="text-sm text-slate-700">No stopped machine is billing.</p>;
  return (
    <>
      <table className="w-full text-left text-sm">
        <thead className="text-slate-600">
          <tr>
            <th className="py-1 font-medium">Machine</th>
            <th className="py-1 font-medium">Stopped since (UTC)</th>
            <th className="py-1 text-right font-medium">Per day while stopped</th>
            <th className="py-1 text-right font-medium">Cost so far</th>
            <th className="py-1" />
          </tr>
        </thead>
        <tbody>
          {items.map(({ machine, perDayMicros, stoppedSince }) => (
            <tr key={machine.id} className="border-t border-slate-200" data-testid="stopped-billing-row">
              <td className="py-1.5">
                <a href={`/machines/${machine.id}`} className="underline">
                  {machine.name}
                </a>{" "}
                <span className="text-slate-600">({machine.providerLabel})</span>
              </td>
              <td className="py-1.5">{stoppedSince ? stoppedSince.slice(0, 16).replace("T", " ") : "-"}</td>
              <td className="py-1.5 text-right font-medium">{formatUsd(perDayMicros)}</td>
              <td className="py-1.5 text-right">{formatUsd(machine.costSoFarMicros, { maxDigits: 4 })}</td>
              <td className="py-1.5 text-right">
                <DestroyDialog machine={machine} onDone={() => router.refresh()} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest.count > 0 ? (
        <p className="text-sm text-slate-700">
          And {rest.count} more stopped machines billing {formatUsd(rest.perDayMicros)} a day together (see Machines).
        </p>
      ) : null}
    </>
  );
}
