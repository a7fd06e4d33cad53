// HOSTKEY adapter: bare-metal (and VM) servers with root, so cuda-checkpoint can work. Power-off
// keeps the rental running (unverified but very likely), so a stopped server bills its full price.

import { randomBytes, randomInt } from "node:crypto";
import { ProviderError } from "@/lib/http";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { machineIdFromName, taggedName } from "../shared/machine-tag";
import { HOURS_PER_MONTH, usdToMicros } from "../shared/money";
import { applyOfferFilter } from "../shared/offers";
import type { AdapterOptions, CreateInstanceInput, Instance, Offer, OfferFilter, ProviderAdapter } from "../types";
import { HOSTKEY_LABEL, HostkeyClient } from "./client";
import type { HostkeyPreset, HostkeyServerRef, HostkeyShow } from "./schemas";
import { hostkeyStatus } from "./status";

/** Orders made before an invoice is paid have no server id yet (Terraform keeps them this way). */
const PENDING = "pending:";

/** Offer ids are "<preset id>@<location>": an order needs both. */
export function hostkeyOfferId(presetId: string, location: string): string {
  return `${presetId}@${location}`;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "true" || v === "yes";
}

/**
 * Preset prices are read as monthly (`price.USD`), as HOSTKEY sells by the month; hourly is the
 * monthly price / 730. The unit is not documented (see the report).
 */
function presetOffers(p: HostkeyPreset): Offer[] {
  const gpuText = p.gpu == null ? "" : String(p.gpu);
  if (!gpuText || gpuText === "0") return [];
  const countMatch = /^\s*(\d+)\s*x\s*/i.exec(gpuText);
  const gpuCount = countMatch ? Number(countMatch[1]) : 1;
  const gpuName = countMatch ? gpuText.slice(countMatch[0].length) : gpuText;
  const monthlyUsd = p.price?.USD ?? null;
  const hourly = monthlyUsd != null ? Math.round(usdToMicros(monthlyUsd) / HOURS_PER_MONTH) : 0;
  const locations = Array.isArray(p.locations) ? p.locations : p.locations ? p.locations.split(",") : p.location ? [p.location] : [];
  const virtual = truthy(p.virtual);
  return locations.map((loc) => ({
    id: hostkeyOfferId(p.id, loc.trim()),
    provider: "hostkey" as const,
    gpuModel: normalizeGpuModel(gpuName),
    gpuName,
    gpuCount,
    maxGpuCount: gpuCount,
    vramGb: vramFromName(gpuName) ?? 0,
    pricePerHourMicros: hourly,
    stoppedPricePerHourMicros: hourly,
    region: loc.trim(),
    kind: virtual ? ("vm" as const) : ("bare-metal" as const),
    checkpointCapable: true,
    available: p.active == null ? true : truthy(p.active),
    extra: { preset: p.name, presetId: p.id, cpu: p.cpu, ramGb: p.ram, diskGb: p.hdd, monthlyUsd, description: p.description },
  }));
}

/** 16 characters with upper, lower, digit and one of % - _ + (HOSTKEY's root_pass rule). */
export function rootPassword(): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "%-_+"];
  const all = sets.join("");
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  const bytes = randomBytes(12);
  for (const b of bytes) chars.push(all[b % all.length]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

function toInstance(id: string, show: HostkeyShow, ref?: HostkeyServerRef): Instance {
  const sd = show.server_data ?? {};
  const hostname = sd.hostname ?? ref?.hostname ?? null;
  const status = sd.status ?? ref?.status ?? null;
  const main = show.IP?.find((i) => truthy(i.main_ip)) ?? show.IP?.[0];
  return {
    id,
    provider: "hostkey",
    machineId: machineIdFromName(hostname),
    name: hostname,
    status: hostkeyStatus(status, sd.deploy_status),
    rawStatus: [status ?? "unknown", sd.deploy_status != null ? `deploy ${sd.deploy_status}` : ""].filter(Boolean).join(", "),
    ssh: main ? { host: main.ip, port: main.sandbox_ssh_port ?? 22, user: "root" } : null,
    pricePerHourMicros: null,
    gpuModel: null,
    gpuCount: null,
    extra: { location: sd.location ?? ref?.location, preset: sd.preset },
  };
}

export function createHostkeyAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new HostkeyClient(opts);

  async function show(id: string): Promise<Instance> {
    if (id.startsWith(PENDING)) {
      return { id, provider: "hostkey", machineId: null, name: null, status: "creating", rawStatus: "invoice unpaid", ssh: null, pricePerHourMicros: null, gpuModel: null, gpuCount: null, extra: { invoice: id.slice(PENDING.length) } };
    }
    return toInstance(id, await client.show(id));
  }

  return {
    provider: "hostkey",
    label: HOSTKEY_LABEL,
    capabilities: { canStop: true, kind: "bare-metal", checkpoint: "yes" },

    async listOffers(filter?: OfferFilter) {
      const presets = await client.presets(filter?.region);
      return applyOfferFilter(presets.flatMap(presetOffers), filter);
    },

    async createInstance(input: CreateInstanceInput) {
      const at = input.offerId.lastIndexOf("@");
      if (at <= 0) throw new ProviderError({ code: "invalid_request", provider: "hostkey", message: `"${input.offerId}" is not a HOSTKEY offer id (expected <preset>@<location>).` });
      const presetId = input.offerId.slice(0, at);
      const location = input.offerId.slice(at + 1);
      const preset = (await client.presets(location)).find((p) => p.id === presetId);
      const oses = await client.osList(presetId);
      const wanted = input.image ? oses.find((o) => o.id === input.image || o.name === input.image) : undefined;
      const os = wanted ?? oses.find((o) => /ubuntu.*(24|22)\.04/i.test(o.name ?? "")) ?? oses[0];
      const plan = (await client.trafficPlans(location, presetId))[0];
      if (!os || !plan) throw new ProviderError({ code: "no_capacity", provider: "hostkey", message: `HOSTKEY offers no OS image or traffic plan for preset ${presetId} in ${location}. Pick another offer.` });
      const hostname = taggedName(input.machineId, input.name, 63).toLowerCase();
      const order = await client.order({
        preset: preset?.name ?? presetId,
        location_name: location,
        os_id: os.id,
        traffic_plan: plan.id,
        root_pass: rootPassword(),
        deploy_period: "hourly",
        ssh_key: input.sshPublicKey,
        hostname,
      });
      const id = order.id ? order.id : `${PENDING}${order.invoice ?? "unknown"}`;
      return {
        id,
        provider: "hostkey",
        machineId: input.machineId,
        name: hostname,
        status: order.id ? "booting" : "creating",
        rawStatus: `deploy ${order.deploy_status ?? "started"}`,
        ssh: null,
        pricePerHourMicros: preset?.price?.USD != null ? Math.round(usdToMicros(preset.price.USD) / HOURS_PER_MONTH) : null,
        gpuModel: null,
        gpuCount: input.gpuCount,
        extra: { callback: order.callback, invoice: order.invoice },
      };
    },

    getInstance: show,

    async listInstances() {
      await client.updateServers();
      const refs = await client.listServers();
      // eq/list may return bare ids; eq/show fills in the hostname that carries our machine id.
      return Promise.all(refs.map(async (r) => toInstance(r.id, await client.show(r.id), r)));
    },

    async stop(id) {
      await client.power(id, "off");
    },

    async start(id) {
      await client.power(id, "on");
    },

    async destroy(id) {
      if (id.startsWith(PENDING)) return;
      try {
        await client.cancel(id);
      } catch (e) {
        if (e instanceof ProviderError && e.code === "not_found") return;
        throw e;
      }
    },

    async verifyKey() {
      try {
        await client.login();
      } catch (e) {
        // The key was recognised; the account simply has no servers yet.
        if (e instanceof ProviderError && e.providerCode === "NO_APPROPRIATE_SERVERS") return;
        throw e;
      }
    },
  };
}
