// HOSTKEY adapter: bare-metal (and VM) servers with root, so cuda-checkpoint can work. Power-off
// keeps the rental running (unverified but very likely), so a stopped server bills its full price.

import { randomBytes, randomInt } from "node:crypto";
import { ProviderError } from "@/lib/http";
import { keyFingerprint } from "../shared/client-factory";
import { normalizeGpuModel, vramFromName } from "../shared/gpu-model";
import { taggedInstance, taggedName } from "../shared/machine-tag";
import { HOURS_PER_MONTH, formatHourly, usdToMicros } from "@/lib/money";
import { applyOfferFilter } from "../shared/offers";
import type { PricePart } from "../shared/price-parts";
import { adapterInfo } from "../provider-info";
import type { AdapterOptions, Instance, Offer, ProviderAdapter } from "../types";
import { HOSTKEY_PANEL_URL, HostkeyClient } from "./client";
import type { HostkeyPreset, HostkeyServerRef, HostkeyShow, HostkeyTrafficPlan } from "./schemas";
import { hostkeyStatus } from "./status";

/**
 * An order whose invoice is unpaid has no server id yet; Terraform keeps it as "pending:<invoice>".
 * We add ":<callback>" when the order reply carried a deploy callback key.
 */
const PENDING = "pending:";

/** Offer ids are "<preset id>@<location>": an order needs both. */
export function hostkeyOfferId(presetId: string, location: string): string {
  return `${presetId}@${location}`;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "true" || v === "yes";
}

function locationsOf(p: HostkeyPreset): string[] {
  const listed = Array.isArray(p.locations) ? p.locations : p.locations ? p.locations.split(",") : [];
  const fromPrice = p.price && !isFlatPrice(p.price) ? Object.keys(p.price) : [];
  const all = [...listed, ...fromPrice, ...(p.location ? [p.location] : [])].map((l) => l.trim()).filter(Boolean);
  return [...new Set(all)];
}

function isFlatPrice(price: Record<string, unknown>): boolean {
  return "USD" in price || "EUR" in price;
}

function usdOf(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * The monthly USD price of a preset in a location. presets/list quotes `price[location].{USD,EUR}`
 * (as the soterstock scraper reads it); presets/info quotes a flat `{EUR, USD}`. Null when HOSTKEY
 * gives no USD price there: such an offer is left out rather than shown at $0.
 */
export function monthlyUsd(p: Pick<HostkeyPreset, "price">, location: string): number | null {
  const price = p.price;
  if (!price) return null;
  if (isFlatPrice(price)) return usdOf(price.USD);
  const here = price[location] ?? price[location.toUpperCase()];
  return here && typeof here === "object" ? usdOf((here as Record<string, unknown>).USD) : null;
}

/** HOSTKEY sells by the month; the hourly figure is the monthly price over 730 h (as the scraper does). */
export function hourlyMicros(monthly: number): number {
  return Math.round(usdToMicros(monthly) / HOURS_PER_MONTH);
}

/** "2x960" → 1920, "1000" → 1000, "50 GB SSD" → 50; 0 when unreadable. */
function diskGbOf(hdd: unknown): number {
  const s = hdd == null ? "" : String(hdd);
  const m = /^\s*(\d+)\s*x\s*(\d+)/i.exec(s);
  if (m) return Number(m[1]) * Number(m[2]);
  const n = /(\d+)/.exec(s);
  return n ? Number(n[1]) : 0;
}

function gpuTextOf(p: HostkeyPreset): string {
  const gpu = p.gpu == null ? "" : String(p.gpu).trim();
  if (gpu && gpu !== "0") return gpu;
  // Terraform's Preset has no gpu field; GPU presets are named gpu.* / vgpu.*.
  return /^v?gpu\./i.test(p.name) ? (p.description ?? "") : "";
}

function presetOffer(p: HostkeyPreset, location: string): Offer | null {
  const gpuText = gpuTextOf(p);
  if (!gpuText) return null;
  const monthly = monthlyUsd(p, location);
  if (monthly === null) return null;
  const countMatch = /^\s*(\d+)\s*x\s*/i.exec(gpuText);
  const gpuCount = countMatch ? Number(countMatch[1]) : 1;
  const gpuName = countMatch ? gpuText.slice(countMatch[0].length) : gpuText;
  const hourly = hourlyMicros(monthly);
  // One price for the whole server; power-off does not stop the rental, so it bills while stopped.
  const priceParts: PricePart[] = [{ label: p.name, rateMicros: hourly, per: "instance", whileStopped: true }];
  const stock = p.available == null || p.available === "" ? null : Number(p.available);
  return {
    id: hostkeyOfferId(p.id, location),
    provider: "hostkey",
    gpuModel: normalizeGpuModel(gpuName),
    gpuName,
    gpuCount,
    maxGpuCount: gpuCount,
    vramGb: vramFromName(gpuName) ?? 0,
    pricePerHourMicros: hourly,
    stoppedPricePerHourMicros: hourly,
    priceParts,
    listedDiskGb: diskGbOf(p.hdd),
    region: location,
    kind: truthy(p.virtual) ? "vm" : "bare-metal",
    checkpointCapable: true,
    available: (p.active == null || truthy(p.active)) && (stock === null || !Number.isFinite(stock) || stock > 0),
    extra: {
      preset: p.name,
      presetId: p.id,
      cpu: p.cpu,
      ramGb: p.ram,
      disk: p.hdd,
      monthlyUsd: monthly,
      stock,
      description: p.description,
    },
  };
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

/**
 * The plan an order should use: active, offered in the location, HOSTKEY's main plan first, then the
 * cheapest. Undefined when none fits.
 */
export function pickTrafficPlan(plans: HostkeyTrafficPlan[], location: string): HostkeyTrafficPlan | undefined {
  const loc = location.toUpperCase();
  const fits = plans.filter((p) => {
    if (p.active != null && !truthy(p.active)) return false;
    const where = [p.location, ...(p.locations ?? "").split(",")]
      .map((l) => (l ?? "").trim().toUpperCase())
      .filter(Boolean);
    return where.length === 0 || where.includes(loc);
  });
  return fits.sort(
    (a, b) => Number(truthy(b.main_plan)) - Number(truthy(a.main_plan)) || (a.price ?? 0) - (b.price ?? 0),
  )[0];
}

function scalar(v: unknown): string | null {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}

/**
 * The hostname from eq/show: a `hostname`/`server_name` key anywhere in server_data, a top-level
 * `name` there, or the `hostname` tag (Terraform's ShowHostname: InvAPI often leaves it out of
 * server_data and only tags carry it).
 */
export function showHostname(show: HostkeyShow): string | null {
  const walk = (v: unknown): string | null => {
    if (Array.isArray(v)) {
      for (const x of v) {
        const got = walk(x);
        if (got) return got;
      }
      return null;
    }
    if (v && typeof v === "object") {
      for (const [k, raw] of Object.entries(v)) {
        if (
          (k.toLowerCase() === "hostname" || k.toLowerCase() === "server_name") &&
          typeof raw === "string" &&
          raw.trim()
        )
          return raw.trim();
      }
      for (const raw of Object.values(v)) {
        const got = walk(raw);
        if (got) return got;
      }
    }
    return null;
  };
  const sd = show.server_data;
  const found = walk(sd);
  if (found) return found;
  const topName = sd && typeof sd === "object" && !Array.isArray(sd) ? (sd as Record<string, unknown>).name : undefined;
  if (typeof topName === "string" && topName.trim()) return topName.trim();
  if (Array.isArray(show.tags)) {
    for (const t of show.tags) {
      if (!t || typeof t !== "object") continue;
      const { tag, value } = t as Record<string, unknown>;
      if ((tag === "hostname" || tag === "server_name") && typeof value === "string" && value.trim())
        return value.trim();
    }
  }
  return null;
}

function toInstance(id: string, show: HostkeyShow, ref?: HostkeyServerRef): Instance {
  const sd =
    show.server_data && typeof show.server_data === "object" && !Array.isArray(show.server_data)
      ? (show.server_data as Record<string, unknown>)
      : {};
  const hostname = showHostname(show) ?? ref?.hostname ?? null;
  const status = scalar(sd.status) ?? ref?.status ?? null;
  const deploy = scalar(sd.deploy_status);
  const main = show.IP?.find((i) => truthy(i.main_ip)) ?? show.IP?.[0];
  return {
    ...taggedInstance("hostkey", id, hostname),
    status: hostkeyStatus(status, deploy),
    rawStatus: [status ?? "unknown", deploy != null ? `deploy ${deploy}` : ""].filter(Boolean).join(", "),
    ssh: main ? { host: main.ip, port: main.sandbox_ssh_port ?? 22, user: "root" } : null,
    pricePerHourMicros: null,
    gpuModel: null,
    gpuCount: null,
    extra: { location: scalar(sd.location) ?? ref?.location, preset: scalar(sd.preset) ?? scalar(sd.preset_name) },
  };
}

type Pending =
  | { state: "server"; serverId: string }
  | { state: "deploying"; callback: string }
  | { state: "unpaid" }
  | { state: "failed"; reason: string };

/**
 * Pending ids this process has seen resolve to a server. The machine keeps the pending id, and
 * HOSTKEY may drop the invoice's deploy key once the server is cancelled; without this, a cancelled
 * order would look unpaid again.
 */
const resolvedPending = new Map<string, string>();

function parsePendingId(id: string): { invoice: string; callback: string | null } {
  const [invoice = "", callback] = id.slice(PENDING.length).split(":");
  return { invoice, callback: callback || null };
}

export function createHostkeyAdapter(opts: AdapterOptions): ProviderAdapter {
  const client = new HostkeyClient(opts);
  // Invoices are per account: remember resolutions per (endpoint, key).
  const scope = `${opts.baseUrl ?? ""}|${keyFingerprint(opts.apiKey)}|`;

  /**
   * Where an unpaid-invoice order stands, as HOSTKEY's Terraform provider resolves it: the callback
   * key from the order or from eq/update_servers.deploy_keys[invoice], then eq_callback/check, whose
   * context names the server once it is deployed. No key means HOSTKEY has not started it: unpaid.
   */
  async function resolvePending(id: string): Promise<Pending> {
    const known = resolvedPending.get(scope + id);
    if (known) return { state: "server", serverId: known };
    const { invoice, callback } = parsePendingId(id);
    const key = callback ?? (await client.updateServers()).deployKeys[invoice] ?? null;
    if (!key) return { state: "unpaid" };
    let check: Awaited<ReturnType<typeof client.callbackCheck>>;
    try {
      check = await client.callbackCheck(key);
    } catch (e) {
      // A purged key or a result of Error means the deploy was cancelled or failed (as Terraform reads it).
      if (e instanceof ProviderError && !e.retryable) return { state: "failed", reason: e.message };
      throw e;
    }
    // The server id is in context.id, or in scope.id (Terraform's CallbackServerID reads both).
    const record = (v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    const ctx = record(check.context);
    const serverId = scalar(ctx?.id) || scalar(record(check.scope)?.id);
    if (serverId && serverId !== "0") {
      resolvedPending.set(scope + id, serverId);
      return { state: "server", serverId };
    }
    if (ctx && /error|fail|cancel/i.test(JSON.stringify(ctx))) return { state: "failed", reason: JSON.stringify(ctx) };
    return { state: "deploying", callback: key };
  }

  function pendingInstance(id: string, status: Instance["status"], rawStatus: string): Instance {
    const { invoice } = parsePendingId(id);
    return {
      id,
      provider: "hostkey",
      machineId: null,
      name: null,
      status,
      rawStatus,
      ssh: null,
      pricePerHourMicros: null,
      gpuModel: null,
      gpuCount: null,
      extra: { invoice },
    };
  }

  async function getInstance(id: string): Promise<Instance> {
    if (!id.startsWith(PENDING)) return toInstance(id, await client.show(id));
    const { invoice } = parsePendingId(id);
    const p = await resolvePending(id);
    switch (p.state) {
      case "server": {
        const inst = toInstance(p.serverId, await client.show(p.serverId));
        return { ...inst, extra: { ...inst.extra, invoice, pendingId: id } };
      }
      case "deploying":
        return pendingInstance(id, "booting", `invoice ${invoice} paid, deploying`);
      case "failed":
        return pendingInstance(id, "failed", `deploy cancelled or failed: ${p.reason}`);
      default:
        return pendingInstance(id, "creating", `waiting for invoice ${invoice} to be paid`);
    }
  }

  async function cancel(serverId: string): Promise<void> {
    try {
      await client.cancel(serverId);
    } catch (e) {
      if (e instanceof ProviderError && e.code === "not_found") return;
      throw e;
    }
  }

  return {
    ...adapterInfo("hostkey"),

    async listOffers(filter) {
      // Prices and stock are per location: ask for each location so `available` is that location's stock.
      let locations: string[];
      if (filter?.region) locations = [filter.region];
      else {
        const all = await client.presets();
        locations = [...new Set(all.filter((p) => gpuTextOf(p)).flatMap(locationsOf))];
      }
      const perLocation = await Promise.all(
        locations.map(async (loc) =>
          (await client.presets(loc))
            .filter((p) => locationsOf(p).includes(loc) || p.location === loc)
            .map((p) => presetOffer(p, loc)),
        ),
      );
      return applyOfferFilter(
        perLocation.flat().filter((o): o is Offer => o !== null),
        filter,
      );
    },

    async createInstance(input) {
      const at = input.offerId.lastIndexOf("@");
      if (at <= 0)
        throw new ProviderError({
          code: "invalid_request",
          provider: "hostkey",
          message: `"${input.offerId}" is not a HOSTKEY offer id (expected <preset>@<location>).`,
        });
      const presetId = input.offerId.slice(0, at);
      const location = input.offerId.slice(at + 1);
      const preset = (await client.presets(location)).find((p) => p.id === presetId);
      if (!preset)
        throw new ProviderError({
          code: "no_capacity",
          provider: "hostkey",
          message: `HOSTKEY no longer offers preset ${presetId} in ${location}. Pick another offer.`,
        });
      const oses = (await client.osList(presetId)).filter((o) => o.active == null || truthy(o.active));
      const wanted = input.image ? oses.find((o) => o.id === input.image || o.name === input.image) : undefined;
      const os =
        wanted ??
        oses.find((o) => /ubuntu.*24\.04/i.test(o.name ?? "")) ??
        oses.find((o) => /ubuntu.*22\.04/i.test(o.name ?? "")) ??
        oses[0];
      const plan = pickTrafficPlan(await client.trafficPlans(location, presetId), location);
      if (!os || !plan)
        throw new ProviderError({
          code: "no_capacity",
          provider: "hostkey",
          message: `HOSTKEY offers no OS image or traffic plan for preset ${preset.name} in ${location}. Pick another offer.`,
        });
      const hostname = taggedName(input.machineId, input.name, 63).toLowerCase();
      const monthly = monthlyUsd(preset, location);
      let order: Awaited<ReturnType<typeof client.order>>;
      try {
        order = await client.order({
          preset: preset.name,
          location_name: location,
          os_id: os.id,
          traffic_plan: plan.id,
          root_pass: rootPassword(),
          // The API docs list hourly billing as "coming soon" and HOSTKEY's MCP server offers monthly
          // or longer only; Terraform accepts hourly. We ask for hourly and never fall back to a
          // month silently: a refusal is reported with what a monthly order would mean.
          deploy_period: "hourly",
          ssh_key: input.sshPublicKey,
          hostname,
        });
      } catch (e) {
        if (e instanceof ProviderError && /hourly/i.test(e.message)) {
          const month =
            monthly !== null
              ? `$${monthly.toFixed(2)} for the month, paid up front (about ${formatHourly(hourlyMicros(monthly))} over 730 h)`
              : "a full month, paid up front";
          throw new ProviderError({
            code: "invalid_request",
            provider: "hostkey",
            status: e.status,
            providerCode: "HOURLY_REFUSED",
            message:
              `HOSTKEY refused hourly billing for ${preset.name} in ${location}, so nothing was ordered (${e.message}) ` +
              `A monthly order would cost ${month}, and the month stays billed even if the server is destroyed after an hour. ` +
              `Pick another offer, or order it monthly in HOSTKEY's panel (${HOSTKEY_PANEL_URL}) if you want it for the month.`,
          });
        }
        throw e;
      }
      const serverId = order.id && order.id !== "0" ? order.id : null;
      const invoice = order.invoice && order.invoice !== "0" ? order.invoice : null;
      if (!serverId && !invoice) {
        throw new ProviderError({
          code: "unknown",
          provider: "hostkey",
          outcomeUnknown: true,
          message: `HOSTKEY accepted the order for ${preset.name} in ${location} but returned neither a server id nor an invoice. The server may exist anyway: look it up by machine id before ordering again.`,
        });
      }
      const id = serverId ?? `${PENDING}${invoice}${order.callback ? `:${order.callback}` : ""}`;
      return {
        id,
        provider: "hostkey",
        machineId: input.machineId,
        name: hostname,
        status: serverId ? "booting" : "creating",
        rawStatus: serverId
          ? `deploy ${order.deploy_status ?? "started"}`
          : `waiting for invoice ${invoice} to be paid`,
        ssh: null,
        pricePerHourMicros: monthly !== null ? hourlyMicros(monthly) : null,
        gpuModel: null,
        gpuCount: input.gpuCount,
        extra: { callback: order.callback, invoice },
      };
    },

    getInstance,

    async listInstances() {
      await client.updateServers();
      const refs = await client.listServers();
      // eq/list may return bare ids; eq/show fills in the hostname that carries our machine id.
      return Promise.all(refs.map(async (r) => toInstance(r.id, await client.show(r.id), r)));
    },

    async stop(id) {
      const target = id.startsWith(PENDING) ? (await getInstance(id)).id : id;
      await client.power(target, "off");
    },

    async start(id) {
      const target = id.startsWith(PENDING) ? (await getInstance(id)).id : id;
      await client.power(target, "on");
    },

    async destroy(id) {
      if (!id.startsWith(PENDING)) return cancel(id);
      const { invoice } = parsePendingId(id);
      const p = await resolvePending(id);
      if (p.state === "server") return cancel(p.serverId);
      // Cancelled in the panel or failed to deploy: nothing is left to cancel.
      if (p.state === "failed") return;
      if (p.state === "deploying") {
        throw new ProviderError({
          code: "unavailable",
          provider: "hostkey",
          message: `HOSTKEY is still deploying the order on invoice ${invoice}; it can be cancelled once the server exists. We will try again.`,
        });
      }
      throw new ProviderError({
        code: "invalid_request",
        provider: "hostkey",
        message:
          `HOSTKEY has not started the order on invoice ${invoice}: the invoice is unpaid, so no server exists and nothing bills yet. ` +
          `The API cannot cancel an unpaid order: cancel invoice ${invoice} in HOSTKEY's billing panel (${HOSTKEY_PANEL_URL}), or leave it unpaid. ` +
          `If it is paid, the server appears and is cancelled here.`,
      });
    },

    async verifyKey() {
      // A key on an account without servers gets no session (NO_APPROPRIATE_SERVERS): the login
      // error says to order a first server in the panel; passing here would only fail at the first order.
      await client.login();
    },
  };
}
