// Vast.ai adapter. Docker offers are unprivileged containers without ptrace (no cuda-checkpoint);
// VM offers (vms_enabled, created with vm:true) allow it. Each VM-capable ask is therefore listed
// twice: "<ask>" as a container and "<ask>:vm" as a VM.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel } from "../shared/gpu-model";
import { taggedInstance, taggedName } from "../shared/machine-tag";
import { MICROS_PER_USD, usdToMicros } from "@/lib/money";
import { applyOfferFilter } from "../shared/offers";
import { sshKeyBody } from "../shared/ssh-key-body";
import { priceOfOrder, type PricePart } from "../shared/price-parts";
import { adapterInfo } from "../provider-info";
import type { AdapterOptions, Instance, Offer, OfferFilter, ProviderAdapter, SshEndpoint } from "../types";
import { VastClient } from "./client";
import type { VastInstance, VastOffer } from "./schemas";
import { vastRawStatus, vastStatus } from "./status";

const DEFAULT_DOCKER_IMAGE = "nvidia/cuda:12.4.1-devel-ubuntu22.04";
// Vast's VM guide says VM images come from docker.io/vastai/kvm and names `docker.io/vastai/kvm:ubuntu_terminal`; the ubuntu_cli tags
// in that repository carry a date suffix, so an undated `ubuntu_cli_22.04` would not pull.
export const DEFAULT_VM_IMAGE = "docker.io/vastai/kvm:ubuntu_terminal";
// vast-cli sends "ssh_direc ssh_proxy" for --ssh --direct (its resolve_runtype): direct
// SSH on a mapped port, with the proxy kept as a fallback. The YAML's enum spells "ssh_direct", but
// the CLI's literal is what Vast's own client sends, so we send it too. VMs support only SSH launch
// mode, which this is.
export const VAST_RUNTYPE = "ssh_direc ssh_proxy";
/**
 * Disk the listed prices assume, sent as `allocated_storage` so Vast quotes dph_total at it. The
 * deploy form's default disk, so a default deploy costs what the list says.
 */
export const VAST_LISTED_DISK_GB = 100;
/** Vast prices storage per GB per 30-day month (dstack's gpuhunt divides storage_cost by 30 × 24). */
export const VAST_HOURS_PER_MONTH = 720;
/** Enough rows for one GPU model after the server-side filters; Vast's own default is 64. */
const SEARCH_LIMIT = 200;
/** gpuhunt's fallback when a name has no Vast spelling: fetch wide and filter here. */
const UNMAPPED_SEARCH_LIMIT = 3000;

/**
 * Vast's own GPU names for our catalog models (dstack's gpuhunt mapping, plus the Ti and NVL
 * variants our name rules also count as the model).
 */
const VAST_GPU_NAMES: Record<string, string[]> = {
  H100: ["H100 SXM", "H100 PCIE", "H100 NVL"],
  A100: ["A100 SXM4", "A100 PCIE", "A100X"],
  V100: ["Tesla V100"],
  "RTX 4090": ["RTX 4090"],
  "RTX 3090": ["RTX 3090", "RTX 3090 Ti"],
  "RTX 3080": ["RTX 3080", "RTX 3080 Ti"],
};

/** Vast's names for a filter given as our model or a raw name; undefined when we know none. */
export function vastGpuNames(wanted: string): string[] | undefined {
  const model = normalizeGpuModel(wanted);
  return (
    VAST_GPU_NAMES[model] ??
    Object.entries(VAST_GPU_NAMES).find(([k]) => k.toLowerCase() === wanted.trim().toLowerCase())?.[1]
  );
}

/** Models an unfiltered listing also searches by name, so they are not crowded out by cheaper cards. */
const DATACENTER_MODELS = ["H100", "A100", "V100"] as const;

/** $/GB/month as micro-dollars per GB-hour, rounded to whole micro-dollars. */
export function vastDiskRateMicros(storageCostPerGbMonth: number): number {
  return Math.round((storageCostPerGbMonth * MICROS_PER_USD) / VAST_HOURS_PER_MONTH);
}

/** What an ask bills: the bundle while running, and its disk whether running or stopped. */
export function vastPriceParts(
  o: Pick<VastOffer, "dph_base" | "dph_total" | "storage_cost" | "num_gpus" | "gpu_name">,
  listedDiskGb: number,
): PricePart[] {
  const diskRate =
    o.storage_cost != null && Number.isFinite(o.storage_cost) ? vastDiskRateMicros(o.storage_cost) : null;
  // dph_base is the bundle alone; without it, take dph_total less the storage it was quoted with.
  const base =
    o.dph_base != null && Number.isFinite(o.dph_base)
      ? usdToMicros(o.dph_base)
      : usdToMicros(o.dph_total) - (diskRate ?? 0) * listedDiskGb;
  const parts: PricePart[] = [
    { label: `${o.num_gpus}× ${o.gpu_name}`, rateMicros: Math.max(0, base), per: "instance", whileStopped: false },
  ];
  if (diskRate !== null) parts.push({ label: "disk", rateMicros: diskRate, per: "disk-gb", whileStopped: true });
  return parts;
}

function offersFor(o: VastOffer): Offer[] {
  const priceParts = vastPriceParts(o, VAST_LISTED_DISK_GB);
  const { runningMicros, stoppedMicros } = priceOfOrder(priceParts, {
    gpuCount: o.num_gpus,
    diskGb: VAST_LISTED_DISK_GB,
  });
  const base: Omit<Offer, "id" | "kind" | "checkpointCapable"> = {
    provider: "vastai",
    gpuModel: normalizeGpuModel(o.gpu_name),
    gpuName: o.gpu_name,
    gpuCount: o.num_gpus,
    maxGpuCount: o.num_gpus,
    vramGb: Math.round(o.gpu_ram / 1024),
    pricePerHourMicros: runningMicros,
    // The disk keeps billing while stopped; unknown when the ask does not say its storage cost.
    stoppedPricePerHourMicros: o.storage_cost != null ? stoppedMicros : null,
    priceParts,
    listedDiskGb: VAST_LISTED_DISK_GB,
    region: o.geolocation ?? "unknown",
    available: (o.rentable ?? true) && !(o.rented ?? false),
    extra: {
      askId: o.id,
      machineId: o.machine_id,
      reliability: o.reliability2 ?? o.reliability,
      dphTotal: o.dph_total,
      storageCostPerGbMonth: o.storage_cost,
      // Bandwidth is billed per GB moved, not per hour, so it is not a price part.
      internetUpCostPerGb: o.inet_up_cost,
      internetDownCostPerGb: o.inet_down_cost,
      directPorts: o.direct_port_count,
      cudaMax: o.cuda_max_good,
      cpuCores: o.cpu_cores_effective,
      cpuRamMb: o.cpu_ram,
      verification: o.verification,
    },
  };
  const out: Offer[] = [{ ...base, id: String(o.id), kind: "container", checkpointCapable: false }];
  if (o.vms_enabled) out.push({ ...base, id: `${o.id}:vm`, kind: "vm", checkpointCapable: true });
  return out;
}

/** The POST /bundles/ body (operators of Vast's search reference; vast-cli's default filters). */
export function vastSearchQuery(filter: OfferFilter = {}): Record<string, unknown> {
  const query: Record<string, unknown> = {
    verified: { eq: true },
    external: { eq: false },
    rentable: { eq: true },
    // Direct SSH needs at least one directly reachable port (Vast's API hello world).
    direct_port_count: { gte: 1 },
    order: [["dph_total", "asc"]],
    type: "on-demand",
    limit: SEARCH_LIMIT,
    allocated_storage: VAST_LISTED_DISK_GB,
  };
  // `rented` is dropped by the server (Vast's search reference); each offer still says it, so it is
  // checked here.
  if (filter.gpuModel) {
    const names = vastGpuNames(filter.gpuModel);
    // With thousands of asks the cheapest rows are consumer cards, so the model must be filtered
    // on the server. A name we cannot spell Vast's way is searched wide and filtered here.
    if (names) query.gpu_name = names.length === 1 ? { eq: names[0] } : { in: names };
    else query.limit = UNMAPPED_SEARCH_LIMIT;
  }
  if (filter.minGpuCount) query.num_gpus = { gte: filter.minGpuCount };
  if (filter.kind === "vm" || filter.checkpointCapable) query.vms_enabled = { eq: true };
  return query;
}

function parseOfferId(id: string): { askId: number; vm: boolean } {
  const m = /^(\d+)(:vm)?$/.exec(id);
  if (!m)
    throw new ProviderError({
      code: "invalid_request",
      provider: "vastai",
      message: `"${id}" is not a Vast.ai offer id (expected <ask id> or <ask id>:vm).`,
    });
  return { askId: Number(m[1]), vm: !!m[2] };
}

function sshOf(i: VastInstance): SshEndpoint | null {
  // vast-cli ssh-url: a mapped 22/tcp means direct SSH, else the proxy host.
  const direct = i.ports?.["22/tcp"]?.[0];
  if (direct && i.public_ipaddr) return { host: i.public_ipaddr.trim(), port: Number(direct.HostPort), user: "root" };
  if (i.ssh_host && i.ssh_port) return { host: i.ssh_host, port: i.ssh_port, user: "root" };
  return null;
}

function toInstance(i: VastInstance): Instance {
  return {
    ...taggedInstance("vastai", String(i.id), i.label),
    status: vastStatus(i),
    rawStatus: vastRawStatus(i),
    ssh: sshOf(i),
    pricePerHourMicros: i.dph_total != null ? usdToMicros(i.dph_total) : null,
    gpuModel: i.gpu_name ? normalizeGpuModel(i.gpu_name) : null,
    gpuCount: i.num_gpus ?? null,
    extra: {
      statusMessage: i.status_msg,
      stoppedPricePerHourMicros:
        i.storage_cost != null && i.disk_space != null
          ? Math.round(vastDiskRateMicros(i.storage_cost) * i.disk_space)
          : null,
      image: i.image_uuid,
    },
  };
}

export function createVastAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new VastClient(opts);

  const notFound = (id: string) =>
    new ProviderError({
      code: "not_found",
      provider: "vastai",
      message: `Vast.ai has no instance ${id} (it may have been destroyed).`,
    });

  return {
    ...adapterInfo("vastai"),

    async listOffers(filter) {
      // Without a model, the cheapest page of the real market is all consumer cards, so the
      // data-centre models are asked for by name as well (4 searches; Vast allows 10 a minute per IP).
      const queries = filter?.gpuModel
        ? [vastSearchQuery(filter)]
        : [vastSearchQuery(filter), ...DATACENTER_MODELS.map((gpuModel) => vastSearchQuery({ ...filter, gpuModel }))];
      const pages = await Promise.all(queries.map((q) => client.searchOffers(q)));
      const byAsk = new Map<number, VastOffer>();
      for (const o of pages.flat()) byAsk.set(o.id, o);
      return applyOfferFilter([...byAsk.values()].flatMap(offersFor), filter);
    },

    async createInstance(input) {
      const { askId, vm } = parseOfferId(input.offerId);
      // Keys stored on the account are added to new instances; VMs need them before creation. A
      // fresh account has none (GET /ssh/ answers 404), so the key is added.
      const keys = await client.listSshKeys();
      const want = sshKeyBody(input.sshPublicKey);
      if (!keys.some((k) => sshKeyBody(k.key ?? k.public_key ?? "") === want))
        await client.addSshKey(input.sshPublicKey);
      const label = taggedName(input.machineId, input.name, 60);
      const created = await client.createInstance(askId, {
        client_id: "me",
        image: input.image || (vm ? DEFAULT_VM_IMAGE : DEFAULT_DOCKER_IMAGE),
        disk: Math.max(8, input.diskGb),
        label,
        runtype: VAST_RUNTYPE,
        target_state: "running",
        cancel_unavail: true,
        ...(vm ? { vm: true } : {}),
      });
      const shown = await client.showInstance(String(created.new_contract)).catch(() => null);
      if (shown) return toInstance(shown);
      return {
        id: String(created.new_contract),
        provider: "vastai",
        machineId: input.machineId,
        name: label,
        status: "creating",
        rawStatus: "null",
        ssh: null,
        pricePerHourMicros: null,
        gpuModel: null,
        gpuCount: input.gpuCount,
        extra: {},
      };
    },

    async getInstance(id) {
      const i = await client.showInstance(id);
      if (!i) throw notFound(id);
      return toInstance(i);
    },

    async listInstances() {
      return (await client.listInstances()).map(toInstance);
    },

    async stop(id) {
      await client.setState(id, "stopped");
    },

    async start(id) {
      await client.setState(id, "running");
    },

    async destroy(id) {
      await client.destroyInstance(id);
    },

    async verifyKey() {
      await client.listSshKeys();
    },
  };
}
