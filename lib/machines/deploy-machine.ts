import "server-only";
import type { Db } from "@/db";
import { insertMachine, machineSshPublicKey } from "@/db/queries/machines";
import { getProvider } from "@/lib/catalog/data";
import { DomainError, fieldErrors } from "@/lib/errors";
import { PROVIDER_INFO } from "@/lib/providers";
import { inSandbox } from "@/lib/providers/endpoints";
import { findOffer } from "./list-offers";
import { offerPriceFor } from "@/lib/providers/shared/offer-price";
import { deploySchema } from "./schemas";
import { transition } from "./transition";

/**
 * Writes the machine row and returns at once; the job (enqueued by the caller after commit) orders it.
 * The same requestKey from the same user returns the first machine: a double click orders one.
 */
export async function deployMachine(db: Db, userId: string, input: unknown): Promise<{ id: string; created: boolean }> {
  const parsed = deploySchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const d = parsed.data;
  if (!(await machineSshPublicKey(db, { userId, sshKeyId: d.sshKeyId })))
    throw new DomainError("invalid", "Choose one of your SSH keys.", {
      sshKeyId: "Choose one of your SSH keys (Settings → SSH keys).",
    });
  const offer = await findOffer(db, userId, d.provider, d.offerId);
  if (d.gpuCount > offer.maxGpuCount)
    throw new DomainError("invalid", "Too many GPUs for this offer.", {
      gpuCount: `This offer has at most ${offer.maxGpuCount} GPUs.`,
    });
  const price = offerPriceFor(offer, d.gpuCount, d.diskGb);
  const catalog = getProvider(d.provider);
  const { row, created } = await insertMachine(db, {
    id: crypto.randomUUID(),
    userId,
    name: d.name,
    provider: d.provider,
    offerId: offer.id,
    gpuModel: String(offer.gpuModel),
    gpuCount: price.gpuCount,
    diskGb: d.diskGb,
    image: d.image,
    region: offer.region,
    sshKeyId: d.sshKeyId,
    status: "requested",
    pricePerHourMicros: price.pricePerHourMicros,
    stoppedPricePerHourMicros: price.stoppedPricePerHourMicros,
    priceParts: price.parts,
    billingGranularity: catalog?.billing.granularity ?? "second",
    canStop: PROVIDER_INFO[d.provider].capabilities.canStop,
    kind: offer.kind,
    checkpointCapable: offer.checkpointCapable,
    sandbox: inSandbox(),
    requestKey: d.requestKey ?? crypto.randomUUID(),
  });
  if (created)
    await transition(
      db,
      row,
      {},
      [{ step: "request", outcome: "done", message: `Deploy requested: ${offer.gpuName} in ${offer.region}` }],
      new Date(),
    );
  return { id: row.id, created };
}
