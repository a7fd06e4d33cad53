// Lambda adapter: full VMs with a sudo user (cuda-checkpoint can work), but no stop: only restart
// and terminate. The adapter therefore has no stop/start and says so in its capabilities.

import { createHash } from "node:crypto";
import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { taggedInstance, taggedName } from "../shared/machine-tag";
import { centsToMicros } from "@/lib/money";
import { applyOfferFilter } from "../shared/offers";
import { sshKeyBody } from "../shared/ssh-key-body";
import type { PricePart } from "../shared/price-parts";
import { adapterInfo } from "../provider-info";
import type { AdapterOptions, Instance, Offer, ProviderAdapter } from "../types";
import { LambdaClient } from "./client";
import type { LambdaInstance, LambdaInstanceType } from "./schemas";
import { lambdaStatus } from "./status";

/** Offer ids are "<instance type>@<region>": a launch needs both. */
export function lambdaOfferId(type: string, region: string): string {
  return `${type}@${region}`;
}

function parseOfferId(id: string): { type: string; region: string } {
  const at = id.lastIndexOf("@");
  const type = at > 0 ? id.slice(0, at) : id;
  const region = at > 0 ? id.slice(at + 1) : "";
  if (!type || !region) {
    throw new ProviderError({
      code: "invalid_request",
      provider: "lambda",
      message: `"${id}" is not a Lambda offer id with a region (expected <type>@<region>).`,
    });
  }
  return { type, region };
}

/** GPUs in a type: specs.gpus, else the count in its name ("gpu_4x_a6000"), which older specs omit. */
function gpuCountOf(t: Pick<LambdaInstanceType, "name" | "specs">): number {
  return t.specs?.gpus ?? Number(/^gpu_(\d+)x_/.exec(t.name)?.[1] ?? 1);
}

/** "4x RTX 6000 (24 GB)" → "RTX 6000 (24 GB)": the GPU, without the count. */
function gpuNameOf(t: Pick<LambdaInstanceType, "name" | "gpu_description" | "description">): string {
  return (t.gpu_description ?? t.description ?? t.name).replace(/^\s*\d+\s*x\s+/i, "");
}

function gpuModelOf(t: Pick<LambdaInstanceType, "name" | "gpu_description" | "description">) {
  const gpuName = gpuNameOf(t);
  const both = `${t.name} ${gpuName}`;
  const model = normalizeGpuModel(both);
  return model === both ? gpuName : model;
}

function toInstance(i: LambdaInstance): Instance {
  const gpus = i.instance_type?.specs?.gpus;
  return {
    ...taggedInstance("lambda", i.id, i.name),
    status: lambdaStatus(i.status),
    rawStatus: i.status,
    // ip is null until late in boot; the user is ubuntu with sudo.
    ssh: i.ip ? { host: i.ip, port: i.sandbox_ssh_port ?? 22, user: "ubuntu" } : null,
    pricePerHourMicros:
      i.instance_type?.price_cents_per_hour != null ? centsToMicros(i.instance_type.price_cents_per_hour) : null,
    gpuModel: i.instance_type?.name
      ? gpuModelOf({
          name: i.instance_type.name,
          gpu_description: i.instance_type.gpu_description,
          description: i.instance_type.description,
        })
      : null,
    gpuCount: gpus ?? null,
    extra: { region: i.region?.name, instanceType: i.instance_type?.name, hostname: i.hostname },
  };
}

export function createLambdaAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new LambdaClient(opts);

  /** Launch takes exactly one key *name*: reuse a stored key with the same body, else add one. */
  async function sshKeyName(publicKey: string): Promise<string> {
    const body = sshKeyBody(publicKey);
    const existing = (await client.sshKeys()).find((k) => k.public_key && sshKeyBody(k.public_key) === body);
    if (existing) return existing.name;
    const name = `dumont-${createHash("sha256").update(body).digest("hex").slice(0, 12)}`;
    return (await client.addSshKey(name, publicKey)).name;
  }

  return {
    ...adapterInfo("lambda"),

    async listOffers(filter) {
      const types = await client.instanceTypes();
      const offers: Offer[] = [];
      for (const { instance_type: t, regions_with_capacity_available: regions } of Object.values(types)) {
        const gpuName = gpuNameOf(t);
        const gpuCount = gpuCountOf(t);
        const price = centsToMicros(t.price_cents_per_hour);
        // One price for the whole VM, its disk included; billing runs until terminate (no stop).
        const priceParts: PricePart[] = [{ label: t.name, rateMicros: price, per: "instance", whileStopped: false }];
        const base = {
          provider: "lambda" as const,
          gpuModel: gpuModelOf(t),
          gpuName,
          gpuCount,
          maxGpuCount: gpuCount,
          vramGb: vramFromName(gpuName) ?? 0,
          pricePerHourMicros: price,
          // Lambda cannot stop: billing runs until terminate.
          stoppedPricePerHourMicros: null,
          priceParts,
          listedDiskGb: t.specs?.storage_gib ?? 0,
          kind: "vm" as const,
          checkpointCapable: true,
          extra: {
            instanceType: t.name,
            vcpus: t.specs?.vcpus,
            memoryGib: t.specs?.memory_gib,
            storageGib: t.specs?.storage_gib,
          },
        };
        if (regions.length === 0) offers.push({ ...base, id: t.name, region: "none", available: false });
        for (const r of regions)
          offers.push({ ...base, id: lambdaOfferId(t.name, r.name), region: r.name, available: true });
      }
      return applyOfferFilter(offers, filter);
    },

    async createInstance(input) {
      const { type, region } = parseOfferId(input.offerId);
      const keyName = await sshKeyName(input.sshPublicKey);
      const name = taggedName(input.machineId, input.name, 64);
      const ids = await client.launch({
        region_name: region,
        instance_type_name: type,
        ssh_key_names: [keyName],
        name,
        quantity: 1,
      });
      const id = ids[0];
      if (!id)
        throw new ProviderError({
          code: "no_capacity",
          provider: "lambda",
          message: `Lambda accepted the launch of ${type} in ${region} but returned no instance. Try another region.`,
        });
      return toInstance(await client.getInstance(id).catch(() => ({ id, name, status: "booting" })));
    },

    async getInstance(id) {
      return toInstance(await client.getInstance(id));
    },

    async listInstances() {
      return (await client.listInstances()).map(toInstance);
    },

    async destroy(id) {
      try {
        await client.terminate(id);
      } catch (e) {
        // Terminating twice is not documented. SkyPilot treats an instance as gone once GET /instances
        // no longer lists it or lists it as terminated, and dstack never re-terminates; so when a
        // terminate is refused for any reason but an outage, look the instance up and accept
        // "not found", terminating and terminated as already done.
        if (!(e instanceof ProviderError) || e.retryable) throw e;
        const gone = await client.getInstance(id).then(
          (i) => i.status === "terminated" || i.status === "terminating",
          (err: unknown) => err instanceof ProviderError && err.code === "not_found",
        );
        if (!gone) throw e;
      }
    },

    async verifyKey() {
      await client.sshKeys();
    },
  };
}
