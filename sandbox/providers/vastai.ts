// Vast.ai REST v0 under /vastai/api/v0, in the shapes of Vast's API reference (search offers,
// create instance, the hello world) and vast-cli: trailing-slash paths, `{success:false, error,
// msg}` errors, a JSON `{detail}` 429 without Retry-After, actual_status null → loading → running, and
// asks that disappear from search while rented. Search applies the filters the real server applies
// (operators eq/neq/gt/lt/gte/lte/in/notin, `rented` dropped), sorts, and cuts at `limit` (64 by
// default), so a client that filters the GPU model only on its side sees the cheap consumer asks and
// never the H100s.

import { MICROS_PER_USD, usdToMicros } from "@/lib/money";
import { bearer, keyAccepted, match, obj, type ApiContext, type ProviderEmulator } from "../http";
import { VAST_ASKS, VAST_CONSUMER_ASKS, VAST_UNSTARTABLE_ASK } from "../inventory";
import { hexId, info } from "../store";
import type { SimInstance } from "../types";

const API = "/api/v0";
/** Vast prices storage per GB per 30-day month. */
const HOURS_PER_MONTH = 720;
/** What the search quotes dph_total at when the body does not say (Vast's search reference). */
const DEFAULT_ALLOCATED_STORAGE_GB = 8;
const DEFAULT_LIMIT = 64;
const RUNTYPES = new Set([
  "ssh",
  "jupyter",
  "args",
  "ssh_proxy",
  "ssh_direct",
  "ssh_direc",
  "jupyter_proxy",
  "jupyter_direct",
  "jupyter_direc",
]);

type Ask = (typeof VAST_ASKS)[number] | (typeof VAST_CONSUMER_ASKS)[number];
const ALL_ASKS: readonly Ask[] = [...VAST_ASKS, ...VAST_CONSUMER_ASKS];

interface VastKey {
  id: number;
  user_id: number;
  key: string;
  created_at: string;
  deleted_at: null;
}

function fail(ctx: ApiContext, status: number, error: string, msg: string, extra: Record<string, unknown> = {}) {
  ctx.send(status, { success: false, error, msg, ...extra });
}

function storageDph(storageCost: number, gb: number): number {
  return (storageCost * gb) / HOURS_PER_MONTH;
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
      return v === want || (typeof v === "number" && Number(want) === v);
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
    default:
      return true;
  }
}

// Keys of the body that are not offer filters.
const NOT_FILTERS = new Set([
  "order",
  "limit",
  "type",
  "allocated_storage",
  "rented",
  "disable_bundling",
  "target_reliability",
]);

function offersView(ctx: ApiContext) {
  const rented = rentedAsks(ctx);
  const q = obj(ctx.body);
  const storage = Number(q.allocated_storage ?? DEFAULT_ALLOCATED_STORAGE_GB) || DEFAULT_ALLOCATED_STORAGE_GB;
  const all = ALL_ASKS.map((a) => {
    const diskHour = storageDph(a.storage_cost, storage);
    const dphTotal = Math.round((a.dph_base + diskHour) * 1e6) / 1e6;
    return {
      ...a,
      ask_contract_id: a.id,
      bundle_id: a.id + 900_000_000,
      machine_id: a.id - 5000000,
      host_id: 77,
      gpu_total_ram: a.gpu_ram * a.num_gpus,
      cpu_cores: 32 * a.num_gpus,
      cpu_cores_effective: 16 * a.num_gpus,
      cpu_ram: 64000 * a.num_gpus,
      disk_space: 500,
      dph_total: dphTotal,
      min_bid: Math.round(a.dph_base * 0.6 * 1000) / 1000,
      inet_up_cost: 0.005,
      inet_down_cost: 0.005,
      reliability: a.reliability2,
      verification: a.verified ? "verified" : "unverified",
      external: false,
      public_ipaddr: "127.0.0.1",
      static_ip: true,
      rentable: !rented.has(a.id),
      rented: rented.has(a.id),
      cuda_max_good: 12.4,
      driver_version: "550.54.15",
      is_bid: false,
      search: { gpuCostPerHour: a.dph_base, diskHour: Math.round(diskHour * 1e6) / 1e6, totalHour: dphTotal },
    };
  });
  const filtered = all.filter((o) =>
    Object.entries(q).every(([field, cond]) => {
      if (NOT_FILTERS.has(field) || !cond || typeof cond !== "object" || Array.isArray(cond) || !(field in o))
        return true;
      const value = (o as Record<string, unknown>)[field];
      return Object.entries(cond as Record<string, unknown>).every(([op, want]) => test(value, op as Op, want));
    }),
  );
  const order = Array.isArray(q.order) ? (q.order as unknown[][]) : [["score", "desc"]];
  filtered.sort((a, b) => {
    for (const [field, dir] of order) {
      const key = String(field) === "score" ? "reliability2" : String(field);
      const av = Number((a as Record<string, unknown>)[key] ?? 0);
      const bv = Number((b as Record<string, unknown>)[key] ?? 0);
      if (av !== bv) return dir === "desc" ? bv - av : av - bv;
    }
    return a.id - b.id;
  });
  const limit = Number(q.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT;
  return { offers: filtered.slice(0, limit), truncated: false };
}

function instanceView(i: SimInstance) {
  const up = i.phase === "running" || i.phase === "stopping";
  const actual =
    i.phase === "creating"
      ? null
      : i.phase === "booting"
        ? "loading"
        : i.phase === "running" || i.phase === "stopping"
          ? "running"
          : i.phase === "failed"
            ? "exited"
            : "stopped";
  const intended = i.phase === "stopping" || i.phase === "stopped" ? "stopped" : "running";
  // A direct runtype on an ask with direct ports maps 22/tcp; otherwise only the proxy answers.
  const direct = i.extra.direct === true;
  return {
    id: Number(i.id),
    machine_id: Number(i.extra.askId) - 5000000,
    actual_status: actual,
    intended_status: intended,
    cur_state: i.phase === "destroyed" ? "unloaded" : intended,
    next_state: intended,
    status_msg:
      i.phase === "creating"
        ? "Creating container"
        : i.phase === "booting"
          ? "Pulling image"
          : i.phase === "failed"
            ? "Container exited with code 1"
            : "success, running",
    label: i.name,
    image_uuid: i.image,
    image_runtype: i.extra.runtype,
    vm: i.kind === "vm",
    gpu_name: i.gpuName,
    num_gpus: i.gpuCount,
    dph_total: i.priceMicros / MICROS_PER_USD,
    storage_cost: i.extra.storageCost,
    disk_space: i.diskGb,
    geolocation: i.region,
    start_date: i.createdAt / 1000,
    end_date: null,
    public_ipaddr: up ? i.ssh.host : null,
    ssh_host: up ? i.ssh.host : null,
    ssh_port: up ? i.ssh.port : null,
    ssh_idx: up ? "1" : null,
    ports: up && direct ? { "22/tcp": [{ HostIp: "0.0.0.0", HostPort: String(i.ssh.port) }] } : {},
    direct_port_start: direct ? 40000 : 65535,
    direct_port_end: direct ? 40015 : -1,
    is_bid: false,
    extra_env: [],
  };
}

async function create(ctx: ApiContext, owner: string, askId: number) {
  const b = obj(ctx.body);
  const limit = ctx.store.allow(`vastai|${owner}|create`, 1, ctx.limits.vastCreateIntervalMs);
  if (!limit.ok) return ctx.send(429, { detail: "API requests too frequent endpoint threshold=4.5" });
  const ask = ALL_ASKS.find((a) => a.id === askId);
  if (!ask || rentedAsks(ctx).has(askId)) {
    return fail(
      ctx,
      404,
      "invalid_args",
      `error 404/3603: no_such_ask Instance type by id ${askId} is not available.`,
      { ask_id: askId },
    );
  }
  if (askId === VAST_UNSTARTABLE_ASK && b.cancel_unavail !== false) {
    return fail(ctx, 410, "no_such_ask", `error 410/3907: no_such_ask Instance type ${askId} is no longer available.`, {
      ask_id: askId,
    });
  }
  if (typeof b.image !== "string" || !b.image) return fail(ctx, 400, "invalid_args", "image is required");
  const disk = Number(b.disk ?? 10);
  if (!(disk >= 8)) return fail(ctx, 400, "invalid_args", "disk must be at least 8 GB");
  const runtype = typeof b.runtype === "string" ? b.runtype : "ssh";
  const tokens = runtype.split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => !RUNTYPES.has(t)))
    return fail(ctx, 400, "invalid_args", `Invalid runtype ${runtype}`);
  const vm = b.vm === true;
  if (vm && !ask.vms_enabled) return fail(ctx, 400, "invalid_args", "This machine does not support VM instances");
  // VM images must come from the docker.io/vastai/kvm repository (VM guide).
  if (vm && !b.image.startsWith("docker.io/vastai/kvm:"))
    return fail(ctx, 400, "invalid_args", "VM instances need an image from docker.io/vastai/kvm");
  const keys = ctx.store.keys<VastKey>("vastai", owner);
  if (vm && keys.length === 0)
    return fail(ctx, 400, "no_ssh_key_for_vm", "VM instances require an SSH key on the account before creation");

  const id = String(20_000_000 + ctx.store.nextSeq());
  const direct = tokens.some((t) => t === "ssh_direc" || t === "ssh_direct") && ask.direct_port_count > 0;
  const storageMicros = Math.round((usdToMicros(ask.storage_cost) * disk) / HOURS_PER_MONTH);
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
    priceMicros: usdToMicros(ask.dph_base) + storageMicros,
    stoppedPriceMicros: storageMicros,
    extra: { askId, storageCost: ask.storage_cost, runtype, direct },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  ctx.send(200, { success: true, new_contract: Number(inst.id), instance_api_key: hexId(32) });
}

export const vastEmulator: ProviderEmulator = {
  provider: "vastai",
  isCreate: (method, path) => method === "PUT" && /^\/api\/v0\/asks\/\d+\/?$/.test(path),

  fault(kind, ctx) {
    // Vast's 429 is JSON `{detail}` with no Retry-After.
    if (kind === "429") ctx.send(429, { detail: "API requests too frequent endpoint threshold=2.0" });
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
      if (method === "GET") {
        // An account without keys gets a 404, not an empty list.
        if (keys.length === 0) return fail(ctx, 404, "not_found", "No SSH keys found");
        return ctx.send(200, keys);
      }
      if (method === "POST") {
        const k = obj(ctx.body).ssh_key;
        if (typeof k !== "string" || !k.trim()) return fail(ctx, 400, "no_ssh_key", "ssh_key is required");
        const entry: VastKey = {
          id: ctx.store.nextSeq(),
          user_id: 4242,
          key: k.trim(),
          created_at: new Date().toISOString(),
          deleted_at: null,
        };
        keys.push(entry);
        return ctx.send(200, {
          success: true,
          key: {
            id: entry.id,
            user_id: entry.user_id,
            public_key: entry.key,
            created_at: entry.created_at,
            deleted_at: null,
          },
        });
      }
    }

    if (method === "GET" && match(`${API}/instances`, path)) {
      const list = ctx.store.list("vastai", key).filter((i) => i.phase !== "destroyed");
      return ctx.send(200, { instances_found: list.length, instances: list.map(instanceView) });
    }

    const one = match(`${API}/instances/:id`, path);
    if (one) {
      const inst = ctx.store.get("vastai", one.id!, key);
      if (!inst || inst.phase === "destroyed")
        return fail(ctx, 404, "no_such_instance", `Instance ${one.id} not found.`);
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
          else if (inst.phase !== "stopping" && inst.phase !== "stopped")
            return fail(ctx, 400, "invalid_args", `cannot stop an instance that is ${inst.phase}`);
        } else if (b.state === "running") {
          if (inst.phase === "stopped") ctx.store.setPhase(inst, "starting");
          else if (inst.phase !== "starting" && inst.phase !== "running")
            return fail(ctx, 400, "invalid_args", `cannot start an instance that is ${inst.phase}`);
        } else if (b.state !== undefined) {
          return fail(ctx, 400, "invalid_args", "state must be running or stopped");
        }
        return ctx.send(200, { success: true });
      }
    }
    return fail(ctx, 404, "not_found", `No route ${method} ${path}`);
  },
};
