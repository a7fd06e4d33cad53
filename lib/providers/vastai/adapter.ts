// Vast.ai adapter. Docker offers are unprivileged containers without ptrace (no cuda-checkpoint);
// VM offers (vms_enabled, created with vm:true) allow it. Each VM-capable ask is therefore listed
// twice: "<ask>" as a container and "<ask>:vm" as a VM.

import { ProviderError } from "@/lib/http";
import { normalizeGpuModel } from "../shared/gpu-model";
import { machineIdFromName, taggedName } from "../shared/machine-tag";
import { monthlyPerGbToHourlyMicros, usdToMicros } from "../shared/money";
import { applyOfferFilter } from "../shared/offers";
import type { AdapterOptions, CreateInstanceInput, Instance, Offer, OfferFilter, ProviderAdapter, SshEndpoint } from "../types";
import { VAST_LABEL, VastClient } from "./client";
import type { VastInstance, VastOffer } from "./schemas";
import { vastRawStatus, vastStatus } from "./status";

const DEFAULT_DOCKER_IMAGE = "nvidia/cuda:12.4.1-devel-ubuntu22.04";
// VM images are docker.io/vastai/kvm:*; the exact tag is not in the sources read (unverified).
const DEFAULT_VM_IMAGE = "docker.io/vastai/kvm:ubuntu_cli_22.04";
/** Disk assumed when quoting what a stopped offer still bills. */
export const VAST_QUOTE_DISK_GB = 50;

function offersFor(o: VastOffer): Offer[] {
  const base: Omit<Offer, "id" | "kind" | "checkpointCapable"> = {
    provider: "vastai",
    gpuModel: normalizeGpuModel(o.gpu_name),
    gpuName: o.gpu_name,
    gpuCount: o.num_gpus,
    maxGpuCount: o.num_gpus,
    vramGb: Math.round(o.gpu_ram / 1024),
    pricePerHourMicros: usdToMicros(o.dph_total),
    // Disk keeps billing while stopped.
    stoppedPricePerHourMicros: o.storage_cost != null ? monthlyPerGbToHourlyMicros(o.storage_cost, VAST_QUOTE_DISK_GB) : null,
    region: o.geolocation ?? "unknown",
    available: (o.rentable ?? true) && !(o.rented ?? false),
    extra: {
      askId: o.id,
      machineId: o.machine_id,
      reliability: o.reliability2 ?? o.reliability,
      storageCostPerGbMonth: o.storage_cost,
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

function parseOfferId(id: string): { askId: number; vm: boolean } {
  const m = /^(\d+)(:vm)?$/.exec(id);
  if (!m) throw new ProviderError({ code: "invalid_request", provider: "vastai", message: `"${id}" is not a Vast.ai offer id (expected <ask id> or <ask id>:vm).` });
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
    id: String(i.id),
    provider: "vastai",
    machineId: machineIdFromName(i.label),
    name: i.label ?? null,
    status: vastStatus(i),
    rawStatus: vastRawStatus(i),
    ssh: sshOf(i),
    pricePerHourMicros: i.dph_total != null ? usdToMicros(i.dph_total) : null,
    gpuModel: i.gpu_name ? normalizeGpuModel(i.gpu_name) : null,
    gpuCount: i.num_gpus ?? null,
    extra: {
      statusMessage: i.status_msg,
      stoppedPricePerHourMicros:
        i.storage_cost != null && i.disk_space != null ? monthlyPerGbToHourlyMicros(i.storage_cost, i.disk_space) : null,
      image: i.image_uuid,
    },
  };
}

/** "ssh-ed25519 AAAA... comment" → "ssh-ed25519 AAAA..." for comparing keys. */
function keyBody(k: string): string {
  return k.trim().split(/\s+/).slice(0, 2).join(" ");
}

export function createVastAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new VastClient(opts);

  const notFound = (id: string) =>
    new ProviderError({ code: "not_found", provider: "vastai", message: `Vast.ai has no instance ${id} (it may have been destroyed).` });

  return {
    provider: "vastai",
    label: VAST_LABEL,
    capabilities: { canStop: true, kind: "container", checkpoint: "per-offer" },

    async listOffers(filter?: OfferFilter) {
      // vast-cli's defaults; the GPU name is filtered here because ours ("H100") is a prefix of theirs.
      const query: Record<string, unknown> = {
        verified: { eq: true },
        external: { eq: false },
        rentable: { eq: true },
        rented: { eq: false },
        order: [["dph_total", "asc"]],
        type: "on-demand",
        limit: 200,
      };
      if (filter?.minGpuCount) query.num_gpus = { gte: filter.minGpuCount };
      if (filter?.kind === "vm" || filter?.checkpointCapable) query.vms_enabled = { eq: true };
      const offers = await client.searchOffers(query);
      return applyOfferFilter(offers.flatMap(offersFor), filter);
    },

    async createInstance(input: CreateInstanceInput) {
      const { askId, vm } = parseOfferId(input.offerId);
      // Keys stored on the account are added to new instances; VMs need them before creation.
      const keys = await client.listSshKeys();
      const want = keyBody(input.sshPublicKey);
      if (!keys.some((k) => keyBody(k.key ?? k.public_key ?? "") === want)) await client.addSshKey(input.sshPublicKey);
      const label = taggedName(input.machineId, input.name, 60);
      const created = await client.createInstance(askId, {
        client_id: "me",
        image: input.image || (vm ? DEFAULT_VM_IMAGE : DEFAULT_DOCKER_IMAGE),
        disk: Math.max(8, input.diskGb),
        label,
        // VMs support only SSH run mode; containers get direct SSH (preferred by the docs).
        runtype: vm ? "ssh" : "ssh_direct",
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
