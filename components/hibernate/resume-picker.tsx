"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { resumeAction } from "@/lib/hibernate/actions";
import type { HibernationDto, ResumeOfferDto } from "@/lib/hibernate";
import { perHour } from "@/lib/money";
import { PickTable } from "@/components/ui/pick-table";

/**
 * Resume: every live offer with the image's GPU model, on any provider. Offers that cannot take the
 * image (another count, no checkpoint support, an older driver) are listed with the reason, not hidden.
 */
export function ResumePicker({ h }: { h: HibernationDto }) {
  const [show, setShow] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const qc = useQueryClient();
  const offers = useQuery({
    queryKey: ["resume-offers", h.id],
    enabled: show,
    queryFn: async () => {
      const r = await fetch(`/api/v1/hibernations/${encodeURIComponent(h.id)}/offers`);
      const body = (await r.json()) as { offers: ResumeOfferDto[]; messages: string[]; error?: string };
      if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
      return body;
    },
    staleTime: 30_000,
  });
  const key = (o: ResumeOfferDto) => `${o.provider}|${o.offer.id}`;
  const chosen = offers.data?.offers.find((o) => key(o) === picked) ?? null;

  if (!show)
    return (
      <button
        type="button"
        onClick={() => setShow(true)}
        className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800"
      >
        Resume on a new machine…
      </button>
    );
  return (
    <div className="space-y-2 text-sm" data-testid="resume-picker">
      <p>
        Pick where to resume: the same GPU model ({h.gpuCount}× {h.gpuModel}) on any provider where cuda-checkpoint can
        run. The new machine is probed first; a driver older than {h.driverVersion ?? "the image's"} is refused there.
      </p>
      {offers.isLoading ? <p>Loading offers from every provider…</p> : null}
      {offers.error ? (
        <p role="alert" className="text-rose-700">
          {(offers.error as Error).message}
        </p>
      ) : null}
      {offers.data && !offers.data.offers.length ? (
        <p>
          No live offer has a {h.gpuModel} right now. {offers.data.messages.join(" ")}
        </p>
      ) : null}
      {offers.data?.offers.length ? (
        <PickTable
          caption="Offers that could resume this image"
          columns={[
            { label: "Provider", cell: (o) => o.provider },
            {
              label: "GPU",
              cell: (o) => (
                <>
                  {o.offer.gpuCount}× {o.offer.gpuName}
                </>
              ),
            },
            { label: "Region", cell: (o) => o.offer.region },
            { label: "Price", className: "tabular-nums", cell: (o) => perHour(o.offer.pricePerHourMicros) },
            {
              label: "Can take the image?",
              cell: (o) => (o.refusal ? <span data-testid="resume-refusal">No: {o.refusal}</span> : "yes"),
            },
          ]}
          rows={offers.data.offers}
          rowKey={key}
          name="resume-offer"
          picked={picked}
          onPick={setPicked}
          unavailable={(o) => !!o.refusal}
          radioLabel={(o) => `${o.provider}: ${o.offer.gpuCount}× ${o.offer.gpuName} in ${o.offer.region}`}
          rowTestId="resume-offer"
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-rose-700">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={!chosen || pending}
        onClick={() =>
          start(async () => {
            if (!chosen) return;
            setError(null);
            const r = await resumeAction(h.id, chosen.provider, chosen.offer.id);
            if (!r.ok) return setError(r.error);
            toast.success("Resuming: the new machine is being deployed");
            await qc.invalidateQueries({ queryKey: ["hibernation", h.machineId] });
          })
        }
        className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
      >
        {pending ? "Working…" : chosen ? `Resume on ${chosen.provider}` : "Pick an offer to resume"}
      </button>
    </div>
  );
}
