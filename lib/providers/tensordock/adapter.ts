// TensorDock adapter: full VMs (root via sudo, so cuda-checkpoint can work), stop keeps the disk.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { taggedName, machineIdFromName } from "../shared/machine-tag";
import { usdToMicros } from "../shared/money";
import { applyOfferFilter } from "../shared/offers";
import type { AdapterOptions, CreateInstanceInput, Instance, Offer, OfferFilter, ProviderAdapter, SshEndpoint } from "../types";
import { TENSORDOCK_LABEL, TensorDockClient } from "./client";
import type { TdGpuStock, TdInstance, TdLocation } from "./schemas";
import { tensordockStatus } from "./status";

/** The docs require at least 100 GB of storage per VM. */
export const TENSORDOCK_MIN_STORAGE_GB = 100;
const DEFAULT_IMAGE = "ubuntu2404";
// The v0 cloud-init user was "user"; v2 does not document it (unverified).
const SSH_USER = "user";

/** Offer ids combine the location and the GPU's v0 name: both are needed to create. */
export function tensordockOfferId(locationId: string, v0Name: string): string {
  return `${locationId}:${v0Name}`;
}

function parseOfferId(id: string): { locationId: string; gpuKey: string } {
  const i = id.lastIndexOf(":");
  if (i <= 0) {
    throw new ProviderError({ code: "invalid_request", provider: "tensordock", message: `"${id}" is not a TensorDock offer id (expected <location>:<gpu>).` });
  }
  return { locationId: id.slice(0, i), gpuKey: id.slice(i + 1) };
}

function toOffer(loc: TdLocation, gpu: TdGpuStock): Offer {
  const storageRate = gpu.pricing?.per_gb_storage_hr ?? 0;
  return {
    id: tensordockOfferId(loc.id, gpu.v0Name),
    provider: "tensordock",
    gpuModel: normalizeGpuModel(`${gpu.displayName} ${gpu.v0Name}`),
    gpuName: gpu.displayName,
    gpuCount: 1,
    maxGpuCount: gpu.max_count,
    vramGb: vramFromName(gpu.v0Name) ?? vramFromName(gpu.displayName) ?? 0,
    // price_per_hr is per GPU; vCPU, RAM and storage are billed on top at `pricing` rates.
    pricePerHourMicros: usdToMicros(gpu.price_per_hr),
    // A stopped VM keeps its disk: at least the 100 GB minimum at the storage rate.
    stoppedPricePerHourMicros: usdToMicros(storageRate * TENSORDOCK_MIN_STORAGE_GB),
    region: [loc.city, loc.stateprovince, loc.country].filter(Boolean).join(", ") || loc.id,
    kind: "vm",
    checkpointCapable: true,
    available: gpu.max_count > 0,
    extra: { locationId: loc.id, gpuKey: gpu.v0Name, tier: loc.tier, resources: gpu.resources, pricing: gpu.pricing, network: gpu.network_features },
  };
}

function sshOf(i: TdInstance): SshEndpoint | null {
  if (!i.ipAddress) return null;
  const pf = i.portForwards;
  let port = 22;
  if (Array.isArray(pf)) {
    const e = pf.find((p) => p.internal_port === 22);
    if (e) port = e.external_port;
  } else if (pf) {
    const ext = Object.entries(pf).find(([, internal]) => Number(internal) === 22)?.[0];
    if (ext) port = Number(ext);
  }
  return { host: i.ipAddress, port, user: SSH_USER };
}

function toInstance(i: TdInstance): Instance {
  return {
    id: i.id,
    provider: "tensordock",
    machineId: machineIdFromName(i.name),
    name: i.name ?? null,
    status: tensordockStatus(i.status),
    rawStatus: i.status,
    ssh: sshOf(i),
    pricePerHourMicros: null,
    gpuModel: null,
    gpuCount: null,
    extra: {},
  };
}

/** VM sizing: TensorDock wants vCPUs in steps of 2 and RAM in 8 GB steps, within the location's maxima. */
function sizeFor(gpu: TdGpuStock | undefined, gpuCount: number, diskGb: number) {
  const maxV = gpu?.resources?.max_vcpus ?? 64;
  const maxR = gpu?.resources?.max_ram_gb ?? 256;
  const vcpu = Math.max(2, Math.min(maxV - (maxV % 2), 8 * gpuCount));
  const ram = Math.max(8, Math.min(maxR - (maxR % 8), 32 * gpuCount));
  return { vcpu_count: vcpu, ram_gb: ram, storage_gb: Math.max(TENSORDOCK_MIN_STORAGE_GB, diskGb) };
}

export function createTensorDockAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new TensorDockClient(opts);
  return {
    provider: "tensordock",
    label: TENSORDOCK_LABEL,
    capabilities: { canStop: true, kind: "vm", checkpoint: "yes" },

    async listOffers(filter?: OfferFilter) {
      const locs = await client.locations();
      return applyOfferFilter(locs.flatMap((l) => l.gpus.map((g) => toOffer(l, g))), filter);
    },

    async createInstance(input: CreateInstanceInput) {
      const { locationId, gpuKey } = parseOfferId(input.offerId);
      // Sizing needs the location's maxima; one extra GET is cheap next to a VM order.
      const gpu = (await client.locations()).find((l) => l.id === locationId)?.gpus.find((g) => g.v0Name === gpuKey);
      const created = await client.createInstance({
        name: taggedName(input.machineId, input.name, 60),
        image: input.image || DEFAULT_IMAGE,
        resources: { ...sizeFor(gpu, input.gpuCount, input.diskGb), gpus: { [gpuKey]: { count: input.gpuCount } } },
        location_id: locationId,
        ssh_key: input.sshPublicKey,
      });
      const inst = toInstance({ id: created.id, name: created.name ?? taggedName(input.machineId, input.name, 60), status: created.status ?? "starting" });
      return { ...inst, machineId: input.machineId, pricePerHourMicros: gpu ? usdToMicros(gpu.price_per_hr) * input.gpuCount : null, gpuModel: gpu ? normalizeGpuModel(gpu.displayName) : null, gpuCount: input.gpuCount };
    },

    async getInstance(id) {
      return toInstance(await client.getInstance(id));
    },

    async listInstances() {
      return (await client.listInstances()).map(toInstance);
    },

    async stop(id) {
      await client.action(id, "stop");
    },

    async start(id) {
      await client.action(id, "start");
    },

    async destroy(id) {
      await client.deleteInstance(id);
    },

    async verifyKey() {
      await client.listInstances();
    },
  };
}
