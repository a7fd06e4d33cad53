// Vast.ai REST v0 as reference §3 documents it, under /vastai/api/v0: trailing-slash paths,
// `{success:false, error, msg}` errors, plain-text 429 without Retry-After, actual_status
// null → loading → running, and asks that disappear from search while rented.

import { monthlyPerGbToHourlyMicros, usdToMicros } from "@/lib/providers/shared/money";
import { bearer, keyAccepted, match, obj, type ApiContext, type ProviderEmulator } from "../http";
import { VAST_ASKS } from "../inventory";
import { hexId, info } from "../store";
import type { SimInstance } from "../types";

const API = "/api/v0";

interface VastKey {
  id: number;
  user_id: number;
  key: string;
  created_at: string;
  deleted_at: null;
}

function fail(ctx: ApiContext, status: number, error: string, msg: string) {
  ctx.send(status, { success: false, error, msg });
}

function rentedAsks(ctx: ApiContext): Set<number> {
  return new Set(
    ctx.store
      .list("vastai")
      .filter((i) => i.phase !== "destroyed")
      .map((i) => Number(i.extra.askId)),
  );
}

type Op = "eq" | "neq" | "gt" | "lt" | "gte" | "lte" | "in" | "notin";
function test(v: unknown, op: Op, want: unknown): boolean {
  switch (op) {
    case "eq":
      return v === want;
    case "neq":
      return v !== want;
    case "gt":
      return Number(v) > Number(want);
    case "lt":
      return Number(v) < Number(want);
    case "gte":
      return Number(v) >= Number(want);
    case "lte":
      return Number(v) <= Number(want);
    case "in":
      return Array.isArray(want) && want.includes(v);
    case "notin":
      return Array.isArray(want) && !want.includes(v);
  }
}

function offersView(ctx: ApiContext) {
  const rented = rentedAsks(ctx);
  const q = obj(ctx.body);
  const all = VAST_ASKS.map((a) => ({
    ...a,
    ask_contract_id: a.id,
    machine_id: a.id - 5000000,
    host_id: 77,
    gpu_total_ram: a.gpu_ram * a.num_gpus,
    cpu_cores_effective: 16 * a.num_gpus,
    cpu_ram: 64000 * a.num_gpus,
    disk_space: 500,
    dph_base: a.dph_total,
    min_bid: Math.round(a.dph_total * 0.6 * 1000) / 1000,
    inet_up_cost: 0.005,
    inet_down_cost: 0.005,
    reliability: a.reliability2,
    verification: "verified",
    verified: true,
    external: false,
    public_ipaddr: "127.0.0.1",
    direct_port_count: 50,
    static_ip: true,
    rentable: !rented.has(a.id),
    rented: rented.has(a.id),
    cuda_max_good: 12.4,
    driver_version: "550.54.15",
  }));
  const filtered = all.filter((o) =>
    Object.entries(q).every(([field, cond]) => {
      if (!cond || typeof cond !== "object" || Array.isArray(cond) || !(field in o)) return true;
      return Object.entries(cond as Record<string, unknown>).every(([op, want]) => test((o as Record<string, unknown>)[field], op as Op, want));
    }),
  );
  filtered.sort((a, b) => a.dph_total - b.dph_total);
  const limit = Number(q.limit ?? 64);
  return { offers: filtered.slice(0, limit) };
}

function instanceView(i: SimInstance) {
  const up = i.phase === "running" || i.phase === "stopping";
  const actual =
    i.phase === "creating" ? null
    : i.phase === "booting" ? "loading"
    : i.phase === "running" || i.phase === "stopping" ? "running"
    : i.phase === "failed" ? "exited"
    : "stopped";
  const intended = i.phase === "stopping" || i.phase === "stopped" ? "stopped" : "running";
  return {
    id: Number(i.id),
    machine_id: Number(i.extra.askId) - 5000000,
    actual_status: actual,
    intended_status: intended,
    cur_state: i.phase === "destroyed" ? "unloaded" : intended,
    next_state: intended,
    status_msg:
      i.phase === "creating" ? "Creating container" : i.phase === "booting" ? "Pulling image" : i.phase === "failed" ? "Container exited with code 1" : "success, running",
    label: i.name,
    image_uuid: i.image,
    image_runtype: i.extra.runtype,
    vm: i.kind === "vm",
    gpu_name: i.gpuName,
    num_gpus: i.gpuCount,
    dph_total: i.priceMicros / 1e6,
    storage_cost: i.extra.storageCost,
    disk_space: i.diskGb,
    geolocation: i.region,
    start_date: i.createdAt / 1000,
    end_date: null,
    public_ipaddr: up ? i.ssh.host : null,
    ssh_host: up ? i.ssh.host : null,
    ssh_port: up ? i.ssh.port : null,
    ssh_idx: up ? "1" : null,
    ports: up ? { "22/tcp": [{ HostIp: "0.0.0.0", HostPort: String(i.ssh.port) }] } : {},
    is_bid: false,
  };
}

async function create(ctx: ApiContext, owner: string, askId: number) {
  const b = obj(ctx.body);
  const limit = ctx.store.allow(`vastai|${owner}|create`, 1, ctx.limits.vastCreateIntervalMs);
  if (!limit.ok) return ctx.sendText(429, "API requests too frequent endpoint threshold=4.5");
  const ask = VAST_ASKS.find((a) => a.id === askId);
  if (!ask || rentedAsks(ctx).has(askId)) {
    return fail(ctx, b.cancel_unavail ? 410 : 404, "no_such_ask", `Instance type by id ${askId} is not available.`);
  }
  if (typeof b.image !== "string" || !b.image) return fail(ctx, 400, "invalid_args", "image is required");
  const disk = Number(b.disk ?? 10);
  if (!(disk >= 8)) return fail(ctx, 400, "invalid_args", "disk must be at least 8 GB");
  const vm = b.vm === true;
  if (vm && !ask.vms_enabled) return fail(ctx, 400, "invalid_args", "This machine does not support VM instances");
  const keys = ctx.store.keys<VastKey>("vastai", owner);
  if (vm && keys.length === 0) return fail(ctx, 400, "no_ssh_key_for_vm", "VM instances require an SSH key on the account before creation");

  const id = String(20_000_000 + ctx.store.nextSeq());
  const base = {
    provider: "vastai" as const,
    id,
    owner,
    name: typeof b.label === "string" ? b.label : "",
    offerId: vm ? `${askId}:vm` : String(askId),
    gpuName: ask.gpu_name,
    gpuCount: ask.num_gpus,
    region: ask.geolocation,
    kind: vm ? ("vm" as const) : ("container" as const),
    image: b.image,
    diskGb: disk,
    // Account keys are added to new instances.
    sshPublicKey: keys.at(-1)?.key ?? null,
    priceMicros: usdToMicros(ask.dph_total),
    stoppedPriceMicros: monthlyPerGbToHourlyMicros(ask.storage_cost, disk),
    extra: { askId, storageCost: ask.storage_cost, runtype: b.runtype ?? "ssh" },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  ctx.send(200, { success: true, new_contract: Number(inst.id), instance_api_key: hexId(32) });
}

export const vastEmulator: ProviderEmulator = {
  provider: "vastai",
  isCreate: (method, path) => method === "PUT" && /^\/api\/v0\/asks\/\d+\/?$/.test(path),

  fault(kind, ctx) {
    // Vast's 429 is plain text with no Retry-After.
    if (kind === "429") ctx.sendText(429, "API requests too frequent endpoint threshold=2.0");
    else fail(ctx, 500, "server_error", "Internal server error, please try again");
  },

  async handle(ctx) {
    const key = bearer(ctx) ?? ctx.query.get("api_key");
    if (!keyAccepted(key)) return fail(ctx, 401, "auth_error", "Invalid user key");
    const { method, path } = ctx;

    if (method === "POST" && match(`${API}/bundles`, path)) return ctx.send(200, offersView(ctx));
    const ask = match(`${API}/asks/:id`, path);
    if (method === "PUT" && ask) return create(ctx, key, Number(ask.id));

    if (match(`${API}/ssh`, path)) {
      const keys = ctx.store.keys<VastKey>("vastai", key);
      if (method === "GET") return ctx.send(200, keys);
      if (method === "POST") {
        const k = obj(ctx.body).ssh_key;
        if (typeof k !== "string" || !k.trim()) return fail(ctx, 400, "no_ssh_key", "ssh_key is required");
        const entry: VastKey = { id: ctx.store.nextSeq(), user_id: 4242, key: k.trim(), created_at: new Date().toISOString(), deleted_at: null };
        keys.push(entry);
        return ctx.send(200, { success: true, key: { id: entry.id, user_id: entry.user_id, public_key: entry.key, created_at: entry.created_at, deleted_at: null } });
      }
    }

    if (method === "GET" && match(`${API}/instances`, path)) {
      const list = ctx.store.list("vastai", key).filter((i) => i.phase !== "destroyed");
      return ctx.send(200, { instances_found: list.length, instances: list.map(instanceView) });
    }

    const one = match(`${API}/instances/:id`, path);
    if (one) {
      const inst = ctx.store.get("vastai", one.id!, key);
      if (!inst || inst.phase === "destroyed") return fail(ctx, 404, "no_such_instance", `Instance ${one.id} not found.`);
      if (method === "GET") return ctx.send(200, { instances: instanceView(inst) });
      if (method === "DELETE") {
        // Destroy is immediate and irreversible.
        ctx.store.setPhase(inst, "destroyed");
        return ctx.send(200, { success: true, msg: `destroying instance ${one.id}` });
      }
      if (method === "PUT") {
        const b = obj(ctx.body);
        if (typeof b.label === "string") inst.name = b.label;
        if (b.state === "stopped") {
          if (inst.phase === "running") ctx.store.setPhase(inst, "stopping");
          else if (inst.phase !== "stopping" && inst.phase !== "stopped") return fail(ctx, 400, "invalid_args", `cannot stop an instance that is ${inst.phase}`);
        } else if (b.state === "running") {
          if (inst.phase === "stopped") ctx.store.setPhase(inst, "starting");
          else if (inst.phase !== "starting" && inst.phase !== "running") return fail(ctx, 400, "invalid_args", `cannot start an instance that is ${inst.phase}`);
        } else if (b.state !== undefined) {
          return fail(ctx, 400, "invalid_args", "state must be running or stopped");
        }
        return ctx.send(200, { success: true });
      }
    }
    return fail(ctx, 404, "not_found", `No route ${method} ${path}`);
  },
};
