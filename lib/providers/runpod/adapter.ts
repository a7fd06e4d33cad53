// RunPod adapter: unprivileged Docker pods (no capability controls, so no cuda-checkpoint).
// Stop keeps the volume; we order only a container disk, which stops billing when stopped.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { machineIdFromName, taggedName } from "../shared/machine-tag";
import { usdToMicros } from "../shared/money";
import { applyOfferFilter } from "../shared/offers";
import type { AdapterOptions, CreateInstanceInput, Instance, Offer, OfferFilter, ProviderAdapter, SshEndpoint } from "../types";
import { RUNPOD_LABEL, RunpodClient } from "./client";
import type { RunpodGpuType, RunpodPod } from "./schemas";
import { runpodStatus } from "./status";

const DEFAULT_IMAGE = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04";
type Cloud = "SECURE" | "COMMUNITY";

function offersFor(g: RunpodGpuType): Offer[] {
  const name = g.displayName ?? g.name ?? g.id;
  const out: Offer[] = [];
  const clouds: [Cloud, boolean | null | undefined, number | null | undefined][] = [
    ["SECURE", g.secure, g.price?.secure],
    ["COMMUNITY", g.community, g.price?.community],
  ];
  for (const [cloud, offered, price] of clouds) {
    if (!offered || price == null || price <= 0) continue;
    const max = g.maxCount ?? 1;
    out.push({
      id: `${cloud}:${g.id}`,
      provider: "runpod",
      gpuModel: normalizeGpuModel(`${g.id} ${name}`),
      gpuName: g.id,
      gpuCount: 1,
      maxGpuCount: max,
      vramGb: g.memory ?? vramFromName(g.id) ?? 0,
      pricePerHourMicros: usdToMicros(price),
      // Only a container disk is ordered, and it is not charged while the pod is stopped.
      stoppedPricePerHourMicros: 0,
      region: cloud === "SECURE" ? "secure cloud" : "community cloud",
      kind: "container",
      checkpointCapable: false,
      available: max > 0,
      extra: { cloud, pool: g.pool, manufacturer: g.manufacturer, availability: g.availability },
    });
  }
  return out;
}

function parseOfferId(id: string): { cloud: Cloud; gpuId: string } {
  const m = /^(SECURE|COMMUNITY):(.+)$/.exec(id);
  if (!m) throw new ProviderError({ code: "invalid_request", provider: "runpod", message: `"${id}" is not a RunPod offer id (expected SECURE:<gpu> or COMMUNITY:<gpu>).` });
  return { cloud: m[1] as Cloud, gpuId: m[2]! };
}

function sshOf(p: RunpodPod): SshEndpoint | null {
  const s = p.ssh?.direct ?? p.ssh?.proxy;
  if (s) return { host: s.host, port: s.port, user: s.username ?? "root" };
  const port = p.runtime?.ports?.find((x) => x.private === 22 && x.ip && x.public);
  return port ? { host: port.ip!, port: port.public!, user: "root" } : null;
}

function toInstance(p: RunpodPod): Instance {
  return {
    id: p.id,
    provider: "runpod",
    machineId: machineIdFromName(p.name),
    name: p.name ?? null,
    status: runpodStatus(p.status),
    rawStatus: p.status,
    ssh: sshOf(p),
    // cost is 0 while EXITED; that says nothing about the running price.
    pricePerHourMicros: p.cost ? usdToMicros(p.cost) : null,
    gpuModel: p.gpu?.id ? normalizeGpuModel(p.gpu.id) : null,
    gpuCount: p.gpu?.count ?? null,
    extra: { actions: p.actions, dataCenterId: p.dataCenterId, image: p.image, sshProxy: p.ssh?.proxy ?? null },
  };
}

export function createRunpodAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new RunpodClient(opts);
  return {
    provider: "runpod",
    label: RUNPOD_LABEL,
    capabilities: { canStop: true, kind: "container", checkpoint: "no" },

    async listOffers(filter?: OfferFilter) {
      return applyOfferFilter((await client.gpuCatalog()).flatMap(offersFor), filter);
    },

    async createInstance(input: CreateInstanceInput) {
      const { cloud, gpuId } = parseOfferId(input.offerId);
      const pod = await client.createPod({
        name: taggedName(input.machineId, input.name, 60),
        image: input.image || DEFAULT_IMAGE,
        cloud,
        gpu: { id: gpuId, count: input.gpuCount },
        disk: input.diskGb,
        ports: ["22/tcp"],
        // PUBLIC_KEY reaches the pod's authorized_keys when startSsh is set; this avoids
        // replacing the account-wide key set (PUT /account/ssh-keys replaces, not appends).
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
      await client.action(id, "stop");
    },

    async start(id) {
      await client.action(id, "start");
    },

    async destroy(id) {
      await client.deletePod(id);
    },

    async verifyKey() {
      await client.sshKeys();
    },
  };
}
