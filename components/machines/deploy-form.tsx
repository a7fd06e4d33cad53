"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { deployAction, generateDeployKeyAction } from "@/lib/machines/actions";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { NumberField, ValueField } from "@/components/ui/number-field";
import { PickTable } from "@/components/ui/pick-table";
import { Select } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmitAction } from "@/components/ui/use-submit-action";
import type { Offer } from "@/lib/providers/types";
import { perHour } from "@/lib/money";
import { offerPriceFor } from "@/lib/providers/shared/offer-price";

export interface DeployProvider {
  slug: string;
  label: string;
  canStop: boolean;
  checkpoint: "yes" | "no" | "per-offer";
  stoppedNote: string;
  hasKey: boolean;
}

interface OffersResponse {
  source: "live" | "none";
  fetchedAt: string | null;
  offers: Offer[];
  message?: string;
}

/** Provider → offer → details; what it costs and whether it can checkpoint is shown before the click. */
export function DeployForm({
  providers,
  sshKeys: initialKeys,
  sandbox,
}: {
  providers: DeployProvider[];
  sshKeys: { id: string; name: string; kind: string }[];
  sandbox: boolean;
}) {
  const router = useRouter();
  const [sshKeys, setSshKeys] = useState(initialKeys);
  const [generating, startGenerating] = useTransition();
  const [keyError, setKeyError] = useState<string | null>(null);
  const [provider, setProvider] = useState(providers[0]?.slug ?? "tensordock");
  const [offerId, setOfferId] = useState<string | null>(null);
  const [gpuCount, setGpuCount] = useState("1");
  const [diskGb, setDiskGb] = useState("100");
  const [image, setImage] = useState("ubuntu-22.04");
  const [sshKeyId, setSshKeyId] = useState(sshKeys[0]?.id ?? "");
  const [name, setName] = useState("gpu-1");
  const { errors, setErrors, error: formError, pending, onSubmit } = useSubmitAction();
  // One key per page load: a double click (or a retry of the same submit) orders one machine.
  const [requestKey] = useState(() => crypto.randomUUID());

  const p = providers.find((x) => x.slug === provider)!;
  const offers = useQuery({
    queryKey: ["offers", provider],
    queryFn: async () => {
      const r = await fetch(`/api/v1/offers?provider=${provider}`);
      const body = (await r.json()) as OffersResponse & { error?: string };
      if (!r.ok) throw new Error(body.error ?? `HTTP ${r.status}`);
      return body;
    },
    staleTime: 55_000,
  });
  const list = offers.data?.offers ?? [];
  const offer = useMemo(() => list.find((o) => o.id === offerId) ?? null, [list, offerId]);
  // An offer that comes with a set number of GPUs.
  const fixedCount = !!offer && offer.maxGpuCount === offer.gpuCount;
  const priced = offer ? offerPriceFor(offer, Number(gpuCount), Number(diskGb)) : null;
  // Said before the click, next to the button, so nobody presses Deploy to find out what is missing.
  const missing = [
    !offer ? "pick an offer" : null,
    !sshKeys.length ? "generate an SSH key (one click above)" : !sshKeyId ? "choose an SSH key" : null,
    !name.trim() ? "name the machine" : null,
  ].filter((x): x is string => x !== null);
  const generateKey = () =>
    startGenerating(async () => {
      setKeyError(null);
      const r = await generateDeployKeyAction();
      if (!r.ok) return setKeyError(r.error);
      setSshKeys((ks) => [...ks, r.data!]);
      setSshKeyId(r.data!.id);
      setErrors((e) => ({ ...e, sshKeyId: undefined }));
    });

  return (
    <form
      className="space-y-6"
      onSubmit={onSubmit(
        () => deployAction({ provider, offerId: offerId ?? "", gpuCount, diskGb, image, sshKeyId, name, requestKey }),
        (data) => router.push(`/machines/${data!.id}`),
      )}
    >
      <fieldset className="space-y-2">
        <legend className="font-semibold">1. Provider</legend>
        <div className="flex flex-wrap gap-2">
          {providers.map((x) => (
            <label
              key={x.slug}
              className={`cursor-pointer rounded-md border px-3 py-2 text-sm ${x.slug === provider ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
            >
              <input
                type="radio"
                name="provider"
                value={x.slug}
                checked={x.slug === provider}
                onChange={() => {
                  setProvider(x.slug);
                  setOfferId(null);
                }}
                className="sr-only"
              />
              {x.label}
              {x.hasKey ? " ✓" : ""}
            </label>
          ))}
        </div>
        {!p.hasKey ? (
          <p className="text-sm text-slate-700">
            {sandbox ? "Sandbox: no key needed to try it. " : ""}
            <Link href="/settings" className="underline">
              Add a {p.label} API key
            </Link>{" "}
            {sandbox ? "to use your own." : "to see live offers and deploy."}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-semibold">2. Offer</legend>
        {offers.isLoading ? <p className="text-sm">Loading live offers from {p.label}…</p> : null}
        {offers.error ? (
          <p role="alert" className="text-sm text-rose-700">
            {(offers.error as Error).message}
          </p>
        ) : null}
        {offers.data?.message ? <p className="text-sm text-slate-700">{offers.data.message}</p> : null}
        {errors.offerId ? (
          <p role="alert" className="text-sm text-rose-700">
            {errors.offerId}
          </p>
        ) : null}
        {list.length ? (
          <PickTable
            caption={`Live offers from ${p.label}`}
            columns={[
              {
                label: "GPU",
                cell: (o) => (
                  <>
                    {o.gpuCount}× {o.gpuName} <span className="text-xs text-slate-600">({o.vramGb} GB)</span>
                  </>
                ),
              },
              { label: "Region", cell: (o) => o.region },
              { label: "Kind", cell: (o) => o.kind },
              {
                label: "Price",
                className: "tabular-nums",
                cell: (o) => (
                  <>
                    {perHour(o.pricePerHourMicros)}
                    {o.priceParts.length > 1 ? (
                      <span className="block text-xs text-slate-600">
                        incl.{" "}
                        {o.priceParts
                          .slice(1)
                          .map((x) => x.label)
                          .join(", ")}
                      </span>
                    ) : null}
                  </>
                ),
              },
              {
                label: "Stopped",
                className: "tabular-nums",
                cell: (o) =>
                  !p.canStop
                    ? "cannot stop"
                    : o.stoppedPricePerHourMicros != null
                      ? perHour(o.stoppedPricePerHourMicros)
                      : "unknown",
              },
              { label: "cuda-checkpoint", cell: (o) => (o.checkpointCapable ? "yes" : "no") },
            ]}
            rows={list}
            rowKey={(o) => o.id}
            name="offer"
            picked={offerId}
            onPick={setOfferId}
            unavailable={(o) => !o.available}
            radioLabel={(o) => `${o.gpuCount}× ${o.gpuName} in ${o.region}, ${o.kind}`}
            rowTestId="offer-row"
          />
        ) : null}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 font-semibold">3. Details</legend>
        <ValueField id="name" label="Name" value={name} onChange={setName} error={errors.name} />
        <ValueField
          id="gpuCount"
          label="GPUs"
          type="number"
          min={1}
          max={offer?.maxGpuCount ?? 8}
          value={fixedCount ? String(offer.gpuCount) : gpuCount}
          disabled={fixedCount}
          onChange={setGpuCount}
          error={errors.gpuCount}
          hint={fixedCount ? "Fixed by this offer." : undefined}
        />
        <NumberField
          id="diskGb"
          label="Disk (GB)"
          min={20}
          max={4000}
          value={diskGb}
          onChange={setDiskGb}
          error={errors.diskGb}
        />
        <ValueField id="image" label="Image" value={image} onChange={setImage} error={errors.image} />
        <Field label="SSH key" htmlFor="sshKeyId" error={errors.sshKeyId}>
          {sshKeys.length ? (
            <Select
              id="sshKeyId"
              value={sshKeyId}
              onChange={(e) => setSshKeyId(e.target.value)}
              aria-invalid={!!errors.sshKeyId}
              options={sshKeys.map((k) => ({
                value: k.id,
                label: `${k.name} (${k.kind === "generated" ? "the agent can use it" : "public key only"})`,
              }))}
            />
          ) : (
            <div className="space-y-1 text-sm">
              <p>No SSH key yet.</p>
              <button
                type="button"
                onClick={generateKey}
                disabled={generating}
                className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-50"
              >
                {generating ? "Generating…" : "Generate an SSH key"}
              </button>
              <p className="text-xs text-slate-600">
                An ed25519 key the agent can use; download its public half later in{" "}
                <Link href="/settings" className="underline">
                  Settings
                </Link>
                .
              </p>
              {keyError ? (
                <p role="alert" className="text-rose-700">
                  {keyError}
                </p>
              ) : null}
            </div>
          )}
        </Field>
      </fieldset>

      <section
        aria-labelledby="before"
        className="rounded-lg border border-slate-300 bg-white p-4 text-sm"
        data-testid="deploy-summary"
      >
        <h2 id="before" className="font-semibold">
          Before you deploy
        </h2>
        {offer && priced ? (
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              Price: <strong data-testid="deploy-price">{perHour(priced.pricePerHourMicros)}</strong> for{" "}
              {priced.gpuCount}× {offer.gpuName}
              {priced.parts.length > 1 ? (
                <span data-testid="deploy-price-parts">
                  {" "}
                  ({priced.parts.map((x) => `${x.label} ${perHour(x.pricePerHourMicros)}`).join(" + ")})
                </span>
              ) : null}
              .
            </li>
            <li>
              {p.canStop
                ? `Stopped, it still bills ${priced.stoppedPricePerHourMicros != null ? perHour(priced.stoppedPricePerHourMicros) : "an amount the provider does not publish"}. ${p.stoppedNote}`
                : `${p.label} cannot stop a machine: it bills in full until you destroy it.`}
            </li>
            <li>
              cuda-checkpoint:{" "}
              {offer.checkpointCapable
                ? `can run here (${offer.kind}: root and ptrace).`
                : `cannot run here: ${offer.kind === "container" ? "an unprivileged container has no CAP_SYS_PTRACE" : "no ptrace"}${provider === "vastai" ? "; pick a Vast.ai VM offer instead" : ""}.`}
            </li>
          </ul>
        ) : (
          <p className="mt-1 text-slate-700">
            Pick an offer to see its price, what it bills when stopped, and whether it can checkpoint.
          </p>
        )}
      </section>

      <FormMessage error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton
          pending={pending}
          pendingLabel="Deploying…"
          disabled={missing.length > 0}
          aria-describedby="deploy-missing"
          className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-50"
        >
          Deploy
        </SubmitButton>
        <p id="deploy-missing" className="text-sm text-slate-700" data-testid="deploy-missing">
          {missing.length ? `Before you can deploy: ${missing.join(", ")}.` : "Ready to deploy."}
        </p>
      </div>
    </form>
  );
}
