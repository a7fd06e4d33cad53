// RunPod adapter: unprivileged Docker pods (no capability controls, so no cuda-checkpoint).
// Stop wipes the container disk and keeps the pod's volume, which RunPod keeps billing.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { taggedInstance, taggedName } from "../shared/machine-tag";
import { monthlyPerGbToHourlyMicros, usdToMicros } from "@/lib/money";
import { applyOfferFilter } from "../shared/offers";
import { priceOfOrder } from "../shared/price-parts";
import { adapterInfo } from "../provider-info";
import type { AdapterOptions, Instance, Offer, PricePart, ProviderAdapter, SshEndpoint } from "../types";
import { RunpodClient } from "./client";
import { maxCountFor, type RunpodGpuType, type RunpodPod } from "./schemas";
import { runpodStatus } from "./status";

const DEFAULT_IMAGE = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04";
type Cloud = "SECURE" | "COMMUNITY";

// Storage rates from RunPod's pricing page: the container disk bills $0.10/GB/month while the pod
// runs and nothing once stopped (stop wipes it); a pod volume bills $0.10/GB/month running and
// $0.20/GB/month stopped.
export const RUNPOD_CONTAINER_DISK_USD_PER_GB_MONTH = 0.1;
export const RUNPOD_VOLUME_STOPPED_USD_PER_GB_MONTH = 0.2;
/** RunPod's create answer carries a 20 GB persistent volume even when the request asks for none. */
export const RUNPOD_DEFAULT_VOLUME_GB = 20;
/** Container disk the listed prices assume (RunPod's documented default). */
export const RUNPOD_LISTED_DISK_GB = 50;

/**
 * Every part a pod bills. The parts model bills a while-stopped part at one rate in both states,
 * so the volume is listed at its stopped rate: the running figure is then 20 GB × $0.10/GB/month
 * (≈ $0.003/h) above RunPod's, rather than the stopped figure being half of what RunPod charges.
 */
export function runpodPriceParts(gpuUsdPerHour: number, volumeGb = RUNPOD_DEFAULT_VOLUME_GB): PricePart[] {
  return [
    { label: "GPU", rateMicros: usdToMicros(gpuUsdPerHour), per: "gpu", whileStopped: false },
    {
      label: "container disk",
      rateMicros: monthlyPerGbToHourlyMicros(RUNPOD_CONTAINER_DISK_USD_PER_GB_MONTH, 1),
      per: "disk-gb",
      whileStopped: false,
    },
    ...(volumeGb > 0
      ? [
          {
            label: `${volumeGb} GB volume`,
            rateMicros: monthlyPerGbToHourlyMicros(RUNPOD_VOLUME_STOPPED_USD_PER_GB_MONTH, volumeGb),
            per: "instance" as const,
            whileStopped: true,
          },
        ]
      : []),
  ];
}

function offerFor(g: RunpodGpuType, cloud: Cloud): Offer | null {
  const offered = cloud === "SECURE" ? g.secure : g.community;
  const price = cloud === "SECURE" ? g.price?.secure : g.price?.community;
  if (!offered || price == null || !(price > 0)) return null;
  const name = g.displayName ?? g.name ?? g.id;
  const max = maxCountFor(g, cloud);
  const parts = runpodPriceParts(price);
  const listed = priceOfOrder(parts, { gpuCount: 1, diskGb: RUNPOD_LISTED_DISK_GB });
  return {
    id: `${cloud}:${g.id}`,
    provider: "runpod",
    gpuModel: normalizeGpuModel(`${g.id} ${name}`),
    gpuName: g.id,
    gpuCount: 1,
    maxGpuCount: max,
    vramGb: g.memory ?? vramFromName(g.id) ?? 0,
    pricePerHourMicros: listed.runningMicros,
    stoppedPricePerHourMicros: listed.stoppedMicros,
    priceParts: parts,
    listedDiskGb: RUNPOD_LISTED_DISK_GB,
    region: cloud === "SECURE" ? "secure cloud" : "community cloud",
    kind: "container",
    checkpointCapable: false,
    // maxCount is a ceiling, not stock; `availability` (asked per cloud) is the stock. It is
    // absent when the catalogue was read without include=AVAILABILITY: then only the ceiling counts.
    available: max > 0 && g.availability !== "NONE",
    extra: {
      cloud,
      pool: g.pool,
      manufacturer: g.manufacturer,
      availability: g.availability ?? null,
      dataCenters: g.dataCenters?.map((d) => ({ id: d.id, availability: d.availability ?? null })) ?? null,
      gpuUsdPerHour: price,
      volumeGb: RUNPOD_DEFAULT_VOLUME_GB,
    },
  };
}

function parseOfferId(id: string): { cloud: Cloud; gpuId: string } {
  const m = /^(SECURE|COMMUNITY):(.+)$/.exec(id);
  if (!m)
    throw new ProviderError({
      code: "invalid_request",
      provider: "runpod",
      message: `"${id}" is not a RunPod offer id (expected SECURE:<gpu> or COMMUNITY:<gpu>).`,
    });
  return { cloud: m[1] as Cloud, gpuId: m[2]! };
}

/**
 * The pod's own sshd, reachable from outside: `ssh.direct`, else the runtime mapping of private 22
 * to a public port. Never `ssh.proxy`: ssh.runpod.io carries an interactive shell only (no SCP,
 * SFTP, rsync or port forwarding), which is not enough for the agent or for file transfer.
 */
function sshOf(p: RunpodPod): SshEndpoint | null {
  const d = p.ssh?.direct;
  if (d) return { host: d.host, port: d.port, user: d.username || "root" };
  const port = p.runtime?.ports?.find(
    (x) => x.private === 22 && x.public && x.ip && (!x.type || x.type.toLowerCase() === "tcp"),
  );
  return port ? { host: port.ip!, port: port.public!, user: "root" } : null;
}

/**
 * Why a running pod will never get a usable SSH endpoint, or null while one may still appear. It is
 * final once RunPod has published the running pod's port mappings (or the pod does not expose 22/tcp).
 */
function sshUnavailable(p: RunpodPod, ssh: SshEndpoint | null): string | null {
  if (ssh || p.status.toUpperCase() !== "RUNNING") return null;
  const exposes22 = !p.ports || p.ports.some((x) => x.trim().toLowerCase() === "22/tcp");
  if (exposes22 && !Array.isArray(p.runtime?.ports)) return null;
  const why = exposes22 ? "its 22/tcp has no public IP and port" : "it does not expose 22/tcp";
  return (
    `RunPod gave this pod no public SSH port (${why}), so we cannot reach it. ` +
    "RunPod's proxy (ssh.runpod.io) is interactive only: no SCP, SFTP, rsync or port forwarding, which the agent needs. " +
    "Destroy this pod and deploy another offer: only hosts with a public IP publish 22/tcp."
  );
}

/**
 * The pod's running price with the same parts as its offer. RunPod's `cost` is the compute rate: it
 * reads 0.0 while EXITED although the volume still bills (and the docs' examples show the GPU's list
 * price there), so the storage is added from the pod's own disk and volume. 0 says nothing about
 * the running price, hence null.
 */
function runningPrice(p: RunpodPod): number | null {
  if (!p.cost) return null;
  const storage = priceOfOrder(runpodPriceParts(0, p.mounts?.persistent?.size ?? 0), {
    gpuCount: 1,
    diskGb: p.disk ?? 0,
  });
  return usdToMicros(p.cost) + storage.runningMicros;
}

function toInstance(p: RunpodPod): Instance {
  const ssh = sshOf(p);
  const unavailable = sshUnavailable(p, ssh);
  return {
    ...taggedInstance("runpod", p.id, p.name),
    status: runpodStatus(p.status),
    rawStatus: p.status,
    ssh,
    pricePerHourMicros: runningPrice(p),
    gpuModel: p.gpu?.id ? normalizeGpuModel(p.gpu.id) : null,
    gpuCount: p.gpu?.count ?? null,
    extra: {
      actions: p.actions,
      dataCenterId: p.dataCenterId,
      image: p.image,
      cloud: p.cloud ?? null,
      costUsdPerHour: p.cost ?? null,
      // The volume keeps billing while the pod is stopped.
      volumeGb: p.mounts?.persistent?.size ?? null,
      ...(unavailable ? { sshUnavailable: unavailable } : {}),
    },
  };
}

export function createRunpodAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new RunpodClient(opts);

  /** start/stop; a 409 for a pod already where we want it counts as done. */
  async function act(id: string, action: "start" | "stop"): Promise<void> {
    try {
      await client.action(id, action);
    } catch (e) {
      if (!(e instanceof ProviderError) || e.status !== 409) throw e;
      const pod = await client.getPod(id).catch(() => {
        throw e;
      });
      const status = pod.status.toUpperCase();
      if (action === "stop" ? status === "EXITED" : ["RUNNING", "STARTING", "PROVISIONING"].includes(status)) return;
      throw new ProviderError({
        code: "invalid_request",
        provider: "runpod",
        status: 409,
        message:
          `RunPod cannot ${action} pod ${id} while it is ${status}` +
          (pod.actions?.length ? ` (allowed now: ${pod.actions.join(", ")})` : "") +
          (status === "ERROR"
            ? ". The pod failed: destroy it and deploy again."
            : ". Refresh the machine and try again."),
      });
    }
  }

  return {
    ...adapterInfo("runpod"),

    async listOffers(filter) {
      // Availability is reported for one cloud per request, so each cloud is read on its own.
      const [secure, community] = await Promise.all([client.gpuCatalog("SECURE"), client.gpuCatalog("COMMUNITY")]);
      const offers = [
        ...secure.map((g) => offerFor(g, "SECURE")),
        ...community.map((g) => offerFor(g, "COMMUNITY")),
      ].filter((o): o is Offer => o !== null);
      return applyOfferFilter(offers, filter);
    },

    async createInstance(input) {
      const { cloud, gpuId } = parseOfferId(input.offerId);
      const pod = await client.createPod({
        name: taggedName(input.machineId, input.name, 60),
        image: input.image || DEFAULT_IMAGE,
        cloud,
        gpu: { id: gpuId, count: input.gpuCount },
        disk: input.diskGb,
        // ssh.direct exists only when 22/tcp is exposed and gets a public port.
        ports: ["22/tcp"],
        // With startSsh RunPod injects PUBLIC_KEY from the account's keys unless the request sets
        // one; setting it avoids replacing the account-wide key set (PUT /account/ssh-keys replaces).
        env: { PUBLIC_KEY: input.sshPublicKey },
        startSsh: true,
      });
      return toInstance(pod);
    },

    async getInstance(id) {
      return toInstance(await client.getPod(id));
    },

    async listInstances() {
      return (await client.listPods()).map(toInstance);
    },

    async stop(id) {
      await act(id, "stop");
    },

    async start(id) {
      await act(id, "start");
    },

    async destroy(id) {
      await client.deletePod(id);
    },

    async verifyKey() {
      await client.sshKeys();
    },
  };
}
