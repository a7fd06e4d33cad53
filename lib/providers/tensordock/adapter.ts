// TensorDock adapter: full VMs (root via sudo, so cuda-checkpoint can work), stop keeps the disk.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { taggedInstance, taggedName } from "../shared/machine-tag";
import { usdToMicros } from "@/lib/money";
import { applyOfferFilter } from "../shared/offers";
import { priceOfOrder } from "../shared/price-parts";
import { adapterInfo } from "../provider-info";
import type { AdapterOptions, Instance, Offer, PricePart, ProviderAdapter, SshEndpoint } from "../types";
import { TensorDockClient } from "./client";
import type { TdGpuStock, TdInstance, TdLocation } from "./schemas";
import { tensordockStatus } from "./status";

/** The docs require at least 100 GB of storage per VM; offers are priced at that size. */
export const TENSORDOCK_MIN_STORAGE_GB = 100;
const DEFAULT_IMAGE = "ubuntu2404";
// "user": the login TensorDock's Ubuntu images give a VM created with only `ssh_key`, as a client
// that deploys exactly so logs in (dstack's v0 backend used `user` too). Clients that log in as
// root ship their own cloud-init authorizing root's key; we send no cloud-init. v2 documents no user.
const SSH_USER = "user";
// vCPUs and RAM ordered with each GPU, unless the location's maxima are lower. TensorDock sizes
// VMs in steps of 2 vCPUs and 8 GB of RAM.
const VCPU_PER_GPU = 8;
const RAM_GB_PER_GPU = 32;

/** Offer ids combine the location and the GPU's v0 name: both are needed to create. */
export function tensordockOfferId(locationId: string, v0Name: string): string {
  return `${locationId}:${v0Name}`;
}

function parseOfferId(id: string): { locationId: string; gpuKey: string } {
  const i = id.lastIndexOf(":");
  if (i <= 0) {
    throw new ProviderError({
      code: "invalid_request",
      provider: "tensordock",
      message: `"${id}" is not a TensorDock offer id (expected <location>:<gpu>).`,
    });
  }
  return { locationId: id.slice(0, i), gpuKey: id.slice(i + 1) };
}

interface Sizing {
  vcpuPerGpu: number;
  ramGbPerGpu: number;
  /** Most GPUs a VM can have here at that size per GPU (the location's vCPU and RAM maxima). */
  resourceCap: number;
}

/** The VM the adapter orders per GPU, so the per-GPU price parts are exact for every allowed count. */
function sizingFor(gpu: TdGpuStock): Sizing {
  const maxV = gpu.resources?.max_vcpus;
  const maxR = gpu.resources?.max_ram_gb;
  const v = maxV && maxV >= 2 ? maxV - (maxV % 2) : undefined;
  const r = maxR && maxR >= 8 ? maxR - (maxR % 8) : undefined;
  const vcpuPerGpu = Math.min(VCPU_PER_GPU, v ?? VCPU_PER_GPU);
  const ramGbPerGpu = Math.min(RAM_GB_PER_GPU, r ?? RAM_GB_PER_GPU);
  const resourceCap = Math.min(v ? Math.floor(v / vcpuPerGpu) : Infinity, r ? Math.floor(r / ramGbPerGpu) : Infinity);
  return { vcpuPerGpu, ramGbPerGpu, resourceCap };
}

/**
 * What a VM bills: the GPU, the vCPUs and RAM ordered with it (per GPU, at the location's
 * `pricing` rates) and its storage, which a stopped VM keeps paying. A rate TensorDock leaves out
 * is left out here too and named in `missing`.
 */
export function tensordockPriceParts(gpu: TdGpuStock, sz = sizingFor(gpu)): { parts: PricePart[]; missing: string[] } {
  const rates = gpu.pricing ?? {};
  const parts: PricePart[] = [
    { label: "GPU", rateMicros: usdToMicros(gpu.price_per_hr), per: "gpu", whileStopped: false },
  ];
  const missing: string[] = [];
  const priced = [
    {
      name: "vCPU",
      rate: rates.per_vcpu_hr,
      units: sz.vcpuPerGpu,
      label: `${sz.vcpuPerGpu} vCPU per GPU`,
      per: "gpu",
      whileStopped: false,
    },
    {
      name: "RAM",
      rate: rates.per_gb_ram_hr,
      units: sz.ramGbPerGpu,
      label: `${sz.ramGbPerGpu} GB RAM per GPU`,
      per: "gpu",
      whileStopped: false,
    },
    { name: "storage", rate: rates.per_gb_storage_hr, units: 1, label: "storage", per: "disk-gb", whileStopped: true },
  ] as const;
  for (const p of priced) {
    if (p.rate != null)
      parts.push({
        label: p.label,
        rateMicros: usdToMicros(p.rate * p.units),
        per: p.per,
        whileStopped: p.whileStopped,
      });
    else missing.push(p.name);
  }
  return { parts, missing };
}

/**
 * Location-based deploys get a dedicated IP only where the location offers one; elsewhere SSH
 * would be a forwarded port picked per host node. Only dedicated-IP locations are offered.
 */
function hasDedicatedIp(gpu: TdGpuStock): boolean {
  return gpu.network_features?.dedicated_ip_available === true;
}

function placeOf(loc: TdLocation): string {
  return [loc.city, loc.stateprovince, loc.country].filter(Boolean).join(", ") || loc.id;
}

function toOffer(loc: TdLocation, gpu: TdGpuStock): Offer {
  const sz = sizingFor(gpu);
  const { parts, missing } = tensordockPriceParts(gpu, sz);
  const listed = priceOfOrder(parts, { gpuCount: 1, diskGb: TENSORDOCK_MIN_STORAGE_GB });
  const maxGpuCount = Math.max(0, Math.min(gpu.max_count, sz.resourceCap));
  const storageOk = !(
    gpu.resources?.max_storage_gb != null && gpu.resources.max_storage_gb < TENSORDOCK_MIN_STORAGE_GB
  );
  return {
    id: tensordockOfferId(loc.id, gpu.v0Name),
    provider: "tensordock",
    gpuModel: normalizeGpuModel(`${gpu.displayName} ${gpu.v0Name}`),
    gpuName: gpu.displayName,
    gpuCount: 1,
    maxGpuCount,
    vramGb: vramFromName(gpu.v0Name) ?? vramFromName(gpu.displayName) ?? 0,
    pricePerHourMicros: listed.runningMicros,
    stoppedPricePerHourMicros: listed.stoppedMicros,
    priceParts: parts,
    listedDiskGb: TENSORDOCK_MIN_STORAGE_GB,
    region: placeOf(loc),
    kind: "vm",
    checkpointCapable: true,
    available: maxGpuCount > 0 && storageOk,
    extra: {
      locationId: loc.id,
      gpuKey: gpu.v0Name,
      tier: loc.tier,
      vcpuPerGpu: sz.vcpuPerGpu,
      ramGbPerGpu: sz.ramGbPerGpu,
      resources: gpu.resources,
      pricing: gpu.pricing,
      network: gpu.network_features,
      ...(missing.length ? { unpricedParts: missing } : {}),
    },
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
    ...taggedInstance("tensordock", i.id, i.name),
    status: tensordockStatus(i.status),
    rawStatus: i.status,
    ssh: sshOf(i),
    pricePerHourMicros: null,
    gpuModel: null,
    gpuCount: null,
    extra: {},
  };
}

export function createTensorDockAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new TensorDockClient(opts);
  return {
    ...adapterInfo("tensordock"),

    async listOffers(filter) {
      const locs = await client.locations();
      return applyOfferFilter(
        locs.flatMap((l) => l.gpus.filter(hasDedicatedIp).map((g) => toOffer(l, g))),
        filter,
      );
    },

    async createInstance(input) {
      const { locationId, gpuKey } = parseOfferId(input.offerId);
      // Sizing, pricing and the dedicated IP depend on the location; one GET is cheap next to a VM order.
      const loc = (await client.locations()).find((l) => l.id === locationId);
      const gpu = loc?.gpus.find((g) => g.v0Name === gpuKey);
      if (!loc || !gpu) {
        throw new ProviderError({
          code: "no_capacity",
          provider: "tensordock",
          message: `TensorDock no longer lists ${gpuKey} at location ${locationId}. Pick another offer.`,
        });
      }
      if (!hasDedicatedIp(gpu)) {
        throw new ProviderError({
          code: "invalid_request",
          provider: "tensordock",
          message: `TensorDock offers ${gpu.displayName} in ${placeOf(loc)} without a dedicated IP (port forwarding only), which we do not deploy to. Pick an offer in another location.`,
        });
      }
      const sz = sizingFor(gpu);
      if (input.gpuCount > sz.resourceCap) {
        throw new ProviderError({
          code: "invalid_request",
          provider: "tensordock",
          message: `In ${placeOf(loc)} a TensorDock VM has room for at most ${sz.resourceCap} ${gpu.displayName} (${sz.vcpuPerGpu} vCPUs and ${sz.ramGbPerGpu} GB RAM each). Order fewer GPUs.`,
        });
      }
      const storageGb = Math.max(TENSORDOCK_MIN_STORAGE_GB, input.diskGb);
      const name = taggedName(input.machineId, input.name, 60);
      const created = await client.createInstance({
        name,
        image: input.image || DEFAULT_IMAGE,
        resources: {
          vcpu_count: sz.vcpuPerGpu * input.gpuCount,
          ram_gb: sz.ramGbPerGpu * input.gpuCount,
          storage_gb: storageGb,
          gpus: { [gpuKey]: { count: input.gpuCount } },
        },
        location_id: locationId,
        useDedicatedIp: true,
        ssh_key: input.sshPublicKey,
      });
      const inst = toInstance({ id: created.id, name: created.name ?? name, status: created.status ?? "starting" });
      const { parts } = tensordockPriceParts(gpu, sz);
      return {
        ...inst,
        machineId: input.machineId,
        pricePerHourMicros: priceOfOrder(parts, { gpuCount: input.gpuCount, diskGb: storageGb }).runningMicros,
        gpuModel: normalizeGpuModel(gpu.displayName),
        gpuCount: input.gpuCount,
        extra: { locationId, vcpu: sz.vcpuPerGpu * input.gpuCount, ramGb: sz.ramGbPerGpu * input.gpuCount, storageGb },
      };
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
