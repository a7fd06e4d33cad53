import "server-only";
import type { Db } from "@/db";
import { getMachine, insertMachine } from "@/db/queries/machines";
import {
  deleteFinding,
  getFinding,
  liveMachinesAt,
  listFindings,
  machineOwners,
  replaceFindings,
  usersWithMachines,
  type Finding,
} from "@/db/queries/reconcile";
import { DomainError } from "@/lib/errors";
import { getAdapter, isProviderSlug, PROVIDER_INFO, SUPPORTED_PROVIDERS, type ProviderSlug } from "@/lib/providers";
import { getProvider } from "@/lib/catalog/data";
import { providerBaseUrl } from "@/lib/providers/endpoints";
import { providerKeyFor } from "./provider-for-user";
import { transition } from "./transition";

/**
 * Compares each provider's instance list with the user's machines: an instance with our tag and no
 * live row ("orphan", billing unseen) and a live row whose instance vanished. Providers that cannot be
 * listed (no key, down) keep their previous findings.
 */
export async function reconcileUser(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ provider: ProviderSlug; findings: number; error?: string }[]> {
  const out: { provider: ProviderSlug; findings: number; error?: string }[] = [];
  for (const provider of SUPPORTED_PROVIDERS) {
    try {
      // Inside the try: one user's unreadable key (a lost secret key) must not stop the others.
      const key = await providerKeyFor(db, userId, provider);
      if (!key) continue;
      const adapter = getAdapter(provider, { apiKey: key.key, baseUrl: providerBaseUrl(provider) });
      const instances = await adapter.listInstances();
      const tagged = instances.filter((i) => i.machineId && i.status !== "destroyed");
      const owners = await machineOwners(
        db,
        tagged.map((i) => i.machineId!),
      );
      const findings: Omit<Finding, "id" | "userId" | "provider" | "seenAt">[] = [];
      // Some APIs do not say an instance's price (TensorDock's get): use the offer price of its GPU.
      let offers: Awaited<ReturnType<typeof adapter.listOffers>> | null = null;
      const priceOf = async (i: (typeof tagged)[number]) => {
        if (i.pricePerHourMicros) return i.pricePerHourMicros;
        offers ??= await adapter.listOffers({ includeUnavailable: true }).catch(() => []);
        const o = offers
          .filter((x) => x.gpuModel === i.gpuModel)
          .sort((a, b) => a.pricePerHourMicros - b.pricePerHourMicros)[0];
        return o ? Math.round((o.pricePerHourMicros / Math.max(1, o.gpuCount)) * (i.gpuCount ?? 1)) : null;
      };
      const live = await liveMachinesAt(db, userId, provider);
      const tracked = new Set(live.map((m) => m.providerInstanceId));
      for (const i of tagged) {
        if (tracked.has(i.id)) continue; // adopted: a live row follows it under another id
        const owner = owners.get(i.machineId!);
        // Another user's machine (a shared sandbox key): not ours to show.
        if (owner && owner.userId !== userId) continue;
        if (owner && !["destroyed", "failed"].includes(owner.status)) continue;
        findings.push({
          kind: "orphan",
          providerInstanceId: i.id,
          machineId: i.machineId,
          name: i.name,
          providerStatus: i.rawStatus,
          pricePerHourMicros: await priceOf(i),
        });
      }
      const present = new Set(instances.filter((i) => i.status !== "destroyed").map((i) => i.id));
      for (const m of live) {
        if (m.status === "destroying" || !m.providerInstanceId || present.has(m.providerInstanceId)) continue;
        findings.push({
          kind: "vanished",
          providerInstanceId: m.providerInstanceId,
          machineId: m.id,
          name: m.name,
          providerStatus: null,
          pricePerHourMicros: m.pricePerHourMicros,
        });
      }
      await replaceFindings(db, userId, provider, findings, now);
      out.push({ provider, findings: findings.length });
    } catch (e) {
      out.push({ provider, findings: 0, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

export async function reconcileAll(db: Db): Promise<void> {
  for (const userId of await usersWithMachines(db)) await reconcileUser(db, userId);
}

export { listFindings };

/** Adopt an orphan: a machine row for it, which the job then follows like any other. */
export async function adoptFinding(db: Db, userId: string, findingId: string): Promise<string> {
  const f = await getFinding(db, userId, findingId);
  if (f?.kind !== "orphan" || !isProviderSlug(f.provider))
    throw new DomainError("not_found", "That finding is gone; check again.");
  const catalog = getProvider(f.provider);
  // Keep the id in the instance's tag when no row has it, so the tag and the row agree again.
  const free = f.machineId && !(await machineOwners(db, [f.machineId])).has(f.machineId);
  const { row } = await insertMachine(db, {
    id: free ? f.machineId! : crypto.randomUUID(),
    userId,
    name: (f.name ?? "adopted").replace(/^dm-[A-Za-z0-9-]+--/, "").slice(0, 40) || "adopted",
    provider: f.provider,
    gpuModel: "GPU",
    status: "booting",
    providerInstanceId: f.providerInstanceId,
    pricePerHourMicros: f.pricePerHourMicros ?? 0,
    billingGranularity: catalog?.billing.granularity ?? "second",
    canStop: PROVIDER_INFO[f.provider].capabilities.canStop,
    requestKey: `adopt:${f.provider}:${f.providerInstanceId}`,
  });
  await transition(
    db,
    row,
    { status: "booting" },
    [
      {
        step: "adopt",
        outcome: "done",
        message: `Adopted ${PROVIDER_INFO[f.provider].label} instance ${f.providerInstanceId}`,
      },
    ],
    new Date(),
  );
  await deleteFinding(db, userId, findingId);
  return row.id;
}

/** Destroy an orphan at the provider (already gone counts as done). */
export async function destroyFinding(db: Db, userId: string, findingId: string): Promise<void> {
  const f = await getFinding(db, userId, findingId);
  if (!f || !isProviderSlug(f.provider)) throw new DomainError("not_found", "That finding is gone; check again.");
  if (f.kind === "vanished") {
    // The instance is already gone at the provider: close the row and its billing.
    const m = f.machineId ? await getMachine(db, userId, f.machineId) : null;
    if (m)
      await transition(
        db,
        m,
        {
          status: "failed",
          failureReason: `${PROVIDER_INFO[f.provider].label} no longer lists this instance.`,
          destroyedAt: new Date(),
        },
        [{ step: "reconcile", outcome: "info", message: "Instance vanished at the provider" }],
        new Date(),
      );
  } else {
    const key = await providerKeyFor(db, userId, f.provider);
    if (!key) throw new DomainError("no_key", `Add a ${PROVIDER_INFO[f.provider].label} API key first.`);
    await getAdapter(f.provider, { apiKey: key.key, baseUrl: providerBaseUrl(f.provider) }).destroy(
      f.providerInstanceId,
    );
  }
  await deleteFinding(db, userId, findingId);
}
