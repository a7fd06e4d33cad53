// TensorDock API v2 as its API docs pages describe it, under /tensordock/api/v2. Its error body is
// undocumented; this emits JSON:API `errors[]` (the API is JSON:API-like), a guess, except for a
// refused deploy on a low balance, which clients in the wild see as `{error}` in an HTTP 200. The
// instance list is the flat `{data: [...]}` those clients report, not the docs' `data.instances`.

import { usdToMicros } from "@/lib/money";
import { bearer, keyAccepted, match, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { TENSORDOCK_LOCATIONS, TENSORDOCK_PRICING } from "../inventory";
import { info, uuid } from "../store";
import type { Phase, SimInstance } from "../types";

const API = "/api/v2";

function fail(ctx: ApiContext, status: number, title: string, detail: string, headers?: Record<string, string>) {
  ctx.send(status, { errors: [{ status: String(status), title, detail }] }, headers);
}

/** The documented limit's refusal: 100 requests per minute per organisation. */
function rateLimited(ctx: ApiContext, retryAfterMs: number) {
  fail(ctx, 429, "Too Many Requests", "Rate limit exceeded: 100 requests per minute", retryAfterHeader(retryAfterMs));
}

/** stop and start: the phase each needs, the phase it moves to, and how a refusal words the need. */
const POWER_ACTIONS = {
  stop: { from: "running", to: "stopping", refusal: "only a running instance can be stopped" },
  start: { from: "stopped", to: "starting", refusal: "only a stopped instance can be started" },
} as const;

const STATUS: Record<Phase, string> = {
  creating: "starting",
  booting: "starting",
  running: "running",
  stopping: "stopping",
  stopped: "Stopped",
  starting: "starting",
  destroying: "deleting",
  destroyed: "deleted",
  failed: "error",
};

function inUse(ctx: ApiContext, locationId: string, gpuKey: string): number {
  return ctx.store
    .list("tensordock")
    .filter(
      (i) =>
        i.extra.locationId === locationId &&
        i.extra.gpuKey === gpuKey &&
        i.phase !== "destroyed" &&
        i.phase !== "failed",
    )
    .reduce((s, i) => s + i.gpuCount, 0);
}

function locationsView(ctx: ApiContext) {
  return {
    data: {
      locations: TENSORDOCK_LOCATIONS.map((l) => ({
        id: l.id,
        city: l.city,
        stateprovince: l.stateprovince,
        country: l.country,
        tier: l.tier,
        gpus: l.gpus.map((g) => ({
          v0Name: g.v0Name,
          displayName: g.displayName,
          max_count: Math.max(0, g.max_count - inUse(ctx, l.id, g.v0Name)),
          price_per_hr: g.price_per_hr,
          resources: g.resources,
          pricing: TENSORDOCK_PRICING,
          network_features: {
            dedicated_ip_available: l.dedicatedIp,
            port_forwarding_available: true,
            network_storage_available: false,
          },
        })),
      })),
    },
  };
}

/** GET /instances/{id} is bare in the doc example (no `data` wrapper). */
function instanceView(i: SimInstance) {
  const up = i.phase === "running" || i.phase === "stopping";
  return {
    type: "instance",
    id: i.id,
    name: i.name,
    status: STATUS[i.phase],
    ipAddress: up ? i.ssh.host : null,
    portForwards: up ? [{ internal_port: 22, external_port: i.ssh.port }] : [],
  };
}

async function create(ctx: ApiContext, owner: string) {
  const a = obj(obj(obj(ctx.body).data).attributes);
  const res = obj(a.resources);
  const gpus = obj(res.gpus);
  const [gpuKey, spec] = Object.entries(gpus)[0] ?? [];
  const count = Number(obj(spec).count ?? 0);
  const storage = Number(res.storage_gb ?? 0);
  const vcpu = Number(res.vcpu_count ?? 0);
  const ram = Number(res.ram_gb ?? 0);
  if (typeof a.name !== "string" || !a.name) return fail(ctx, 400, "Bad Request", "name is required");
  if (!a.ssh_key === !a.ssh_key_id)
    return fail(ctx, 400, "Bad Request", "Provide exactly one of ssh_key or ssh_key_id");
  if (!(storage >= 100)) return fail(ctx, 400, "Bad Request", "storage_gb must be at least 100");
  if (owner.startsWith("poor"))
    return ctx.send(200, { error: "Insufficient balance: you need at least $1.00 in your account to deploy" });
  const loc = TENSORDOCK_LOCATIONS.find((l) => l.id === a.location_id);
  if (!loc) return fail(ctx, 404, "Not Found", `Location ${String(a.location_id)} not found`);
  const gpu = loc.gpus.find((g) => g.v0Name === gpuKey);
  if (!gpu || !gpuKey) return fail(ctx, 400, "Bad Request", `GPU ${String(gpuKey)} is not offered at this location`);
  if (count < 1) return fail(ctx, 400, "Bad Request", "At least one GPU is required for location-based deployment");
  if (a.useDedicatedIp === true && !loc.dedicatedIp)
    return fail(ctx, 400, "Bad Request", "Dedicated IP is not available at this location; use port_forwards instead");
  if (!(vcpu >= 2) || vcpu % 2 !== 0 || !(ram >= 8) || ram % 8 !== 0)
    return fail(ctx, 400, "Bad Request", "vcpu_count must be a multiple of 2 and ram_gb a multiple of 8");
  if (vcpu > gpu.resources.max_vcpus || ram > gpu.resources.max_ram_gb || storage > gpu.resources.max_storage_gb) {
    return fail(
      ctx,
      400,
      "Bad Request",
      `Requested resources exceed this location's maxima (${gpu.resources.max_vcpus} vCPUs, ${gpu.resources.max_ram_gb} GB RAM, ${gpu.resources.max_storage_gb} GB storage)`,
    );
  }
  const free = gpu.max_count - inUse(ctx, loc.id, gpuKey);
  if (count > free)
    return fail(ctx, 400, "Bad Request", `Insufficient GPU stock: ${free} ${gpuKey} available at this location`);

  const id = uuid();
  const base = {
    provider: "tensordock" as const,
    id,
    owner,
    name: a.name,
    offerId: `${loc.id}:${gpuKey}`,
    gpuName: gpu.displayName,
    gpuCount: count,
    region: `${loc.city}, ${loc.country}`,
    kind: "vm" as const,
    image: String(a.image ?? "ubuntu2404"),
    diskGb: storage,
    sshPublicKey: typeof a.ssh_key === "string" ? a.ssh_key : null,
    // Running: GPUs, vCPUs, RAM and storage at the location's rates; stopped: the storage.
    priceMicros:
      usdToMicros(gpu.price_per_hr) * count +
      usdToMicros(TENSORDOCK_PRICING.per_vcpu_hr * vcpu) +
      usdToMicros(TENSORDOCK_PRICING.per_gb_ram_hr * ram) +
      usdToMicros(TENSORDOCK_PRICING.per_gb_storage_hr * storage),
    stoppedPriceMicros: usdToMicros(TENSORDOCK_PRICING.per_gb_storage_hr * storage),
    extra: { locationId: loc.id, gpuKey, vcpu, ram },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  // The docs show "running" right after create, which is doubtful; the sandbox says "starting".
  ctx.send(200, { data: { type: "virtualmachine", id: inst.id, name: inst.name, status: STATUS[inst.phase] } });
}

export const tensordockEmulator: ProviderEmulator = {
  provider: "tensordock",
  isCreate: (method, path) => method === "POST" && path.replace(/\/+$/, "") === `${API}/instances`,

  fault(kind, ctx, retryAfterS) {
    if (kind === "429") rateLimited(ctx, retryAfterS * 1000);
    else fail(ctx, 503, "Service Unavailable", "The service is temporarily unavailable");
  },

  async handle(ctx) {
    const key = bearer(ctx);
    if (!keyAccepted(key)) return fail(ctx, 401, "Unauthorized", "Invalid or missing API token");
    const limit = ctx.store.allow(`tensordock|${key}|all`, ctx.limits.tensordockPerMinute, 60_000);
    if (!limit.ok) return rateLimited(ctx, limit.retryAfterMs);

    const { method, path } = ctx;
    if (method === "GET" && match(`${API}/locations`, path)) return ctx.send(200, locationsView(ctx));
    if (method === "GET" && match(`${API}/hostnodes`, path)) {
      return ctx.send(200, {
        data: { hostnodes: TENSORDOCK_LOCATIONS.map((l, n) => ({ id: `hn-${n + 1}`, location_id: l.id })) },
      });
    }
    if (method === "GET" && match(`${API}/instances`, path)) {
      const list = ctx.store.list("tensordock", key).filter((i) => i.phase !== "destroyed");
      return ctx.send(200, { data: list.map(instanceView) });
    }
    if (method === "POST" && match(`${API}/instances`, path)) return create(ctx, key);

    const one = match(`${API}/instances/:id`, path);
    const act = match(`${API}/instances/:id/:action`, path);
    const id = one?.id ?? act?.id;
    if (!id) return fail(ctx, 404, "Not Found", `No route ${method} ${path}`);
    const inst = ctx.store.get("tensordock", id, key);
    if (!inst || inst.phase === "destroyed") return fail(ctx, 404, "Not Found", `Instance ${id} not found`);

    if (method === "GET" && one) return ctx.send(200, instanceView(inst));
    if (method === "DELETE" && one) {
      if (inst.phase !== "destroying") ctx.store.setPhase(inst, "destroying");
      return ctx.send(200, { data: { type: "success", attributes: { message: "Instance deleted successfully" } } });
    }
    const power =
      method === "POST" && (act?.action === "stop" || act?.action === "start") ? POWER_ACTIONS[act.action] : undefined;
    if (power) {
      if (inst.phase !== power.from)
        return fail(ctx, 400, "Bad Request", `Instance is ${STATUS[inst.phase]}; ${power.refusal}`);
      ctx.store.setPhase(inst, power.to);
      return ctx.send(200, { data: { type: "virtualmachine", id, attributes: { status: power.to } } });
    }
    return fail(ctx, 404, "Not Found", `No route ${method} ${path}`);
  },
};
