// RunPod REST v2 as its published OpenAPI describes it, under /runpod/v2: wrapped
// lists, 201 on create, RFC 9457 problem errors, `POST /pods/{id}/action` (409 when the action is
// not valid in the pod's status), a per-cloud `maxCount` and a NONE/LOW/MEDIUM/HIGH availability in
// the catalogue, a 20 GB persistent volume on every pod unless the request names its mounts, and
// `ssh.direct` only for a running pod that exposes 22/tcp (`ssh.proxy` from create onward).

import { monthlyPerGbToHourlyMicros, usdToMicros } from "@/lib/money";
import { bearer, keyAccepted, match, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { RUNPOD_GPUS, RUNPOD_STORAGE } from "../inventory";
import { hexId, info } from "../store";
import type { Phase, SimInstance } from "../types";

const NO_CAPACITY =
  "There are no longer any instances available with the requested specifications. Please refresh and try again.";
const DATA_CENTER = { id: "US-TX-3", name: "US Texas 3" };
type Cloud = "SECURE" | "COMMUNITY";

function problem(
  ctx: ApiContext,
  status: number,
  title: string,
  detail: string,
  errors?: string[],
  headers?: Record<string, string>,
) {
  ctx.res.setHeader("content-type", "application/problem+json");
  ctx.send(status, { title, status, detail, ...(errors ? { errors } : {}) }, headers);
}

const STATUS: Record<Phase, string> = {
  creating: "PROVISIONING",
  booting: "STARTING",
  running: "RUNNING",
  stopping: "RUNNING",
  stopped: "EXITED",
  starting: "STARTING",
  destroying: "TERMINATED",
  destroyed: "TERMINATED",
  failed: "ERROR",
};

/** The transitions RunPod allows from each status (the pod's `actions`). */
function actionsFor(status: string): string[] {
  if (status === "RUNNING") return ["stop", "restart", "terminate"];
  if (status === "EXITED" || status === "ERROR") return ["start", "terminate"];
  if (status === "PROVISIONING" || status === "STARTING") return ["stop", "terminate"];
  return [];
}

function inUse(ctx: ApiContext, gpuId: string, cloud: Cloud): number {
  return ctx.store
    .list("runpod")
    .filter(
      (i) => i.extra.gpuId === gpuId && i.extra.cloud === cloud && i.phase !== "destroyed" && i.phase !== "failed",
    )
    .reduce((s, i) => s + i.gpuCount, 0);
}

function level(free: number): "NONE" | "LOW" | "MEDIUM" | "HIGH" {
  if (free <= 0) return "NONE";
  if (free <= 2) return "LOW";
  if (free <= 5) return "MEDIUM";
  return "HIGH";
}

function podView(i: SimInstance) {
  const status = STATUS[i.phase];
  const up = status === "RUNNING";
  const ports = (i.extra.ports as string[] | undefined) ?? [];
  const exposes22 = ports.some((p) => p.trim().toLowerCase() === "22/tcp");
  const volumeGb = Number(i.extra.volumeGb ?? 0);
  const proxyUser = `${i.id}-${i.id.split("").reverse().join("").slice(0, 8)}`;
  return {
    id: i.id,
    name: i.name,
    image: i.image,
    args: "",
    disk: i.diskGb,
    ports,
    env: (i.extra.env as Record<string, string> | undefined) ?? {},
    registry: null,
    status,
    actions: actionsFor(status),
    mounts: volumeGb > 0 ? { persistent: { size: volumeGb, path: "/workspace" } } : {},
    gpu: { id: i.extra.gpuId, count: i.gpuCount, vcpuCount: 16 * i.gpuCount, memory: 64 * i.gpuCount },
    cloud: i.extra.cloud,
    dataCenterId: DATA_CENTER.id,
    cudaVersion: "12.8",
    ssh: {
      // The proxy is real RunPod's and unreachable from here; clients must not use it anyway.
      proxy:
        status === "TERMINATED"
          ? null
          : { host: "ssh.runpod.io", port: 22, username: proxyUser, command: `ssh ${proxyUser}@ssh.runpod.io` },
      direct:
        up && exposes22
          ? { host: i.ssh.host, port: i.ssh.port, username: "root", command: `ssh root@${i.ssh.host} -p ${i.ssh.port}` }
          : null,
    },
    template: null,
    // The compute rate (the GPUs), as in RunPod's examples; 0 once EXITED although the volume bills.
    cost: up ? (usdToMicros(Number(i.extra.gpuUsdPerHour)) * i.gpuCount) / 1e6 : 0,
    locked: false,
    globalNetworking: { enabled: false },
    runtime: up
      ? {
          uptime: Math.max(0, Math.round((Date.now() - i.phaseSince) / 1000)),
          ports: exposes22 ? [{ private: 22, public: i.ssh.port, type: "tcp", ip: i.ssh.host }] : [],
        }
      : null,
    createdAt: new Date(i.createdAt).toISOString(),
    startedAt: up ? new Date(i.phaseSince).toISOString() : null,
  };
}

async function create(ctx: ApiContext, owner: string) {
  const b = obj(ctx.body);
  const errors: string[] = [];
  if (typeof b.name !== "string" || !b.name) errors.push("$.name: is required");
  if ((typeof b.image !== "string" || !b.image) && !b.templateId)
    errors.push("$.image: is required unless templateId is set");
  if (errors.length) return problem(ctx, 422, "Unprocessable Entity", "Request validation failed.", errors);
  if (!b.gpu === !b.cpu) return problem(ctx, 400, "Bad Request", "Exactly one of gpu or cpu must be set.");
  if (owner.startsWith("nofunds"))
    return problem(ctx, 402, "Payment Required", "Insufficient balance to deploy this pod.");
  const g = obj(b.gpu);
  const type = RUNPOD_GPUS.find((t) => t.id === g.id);
  if (!type) return problem(ctx, 400, "Bad Request", `Unknown GPU type "${String(g.id)}".`);
  const count = Number(g.count ?? 1);
  const cloud: Cloud = b.cloud === "COMMUNITY" ? "COMMUNITY" : "SECURE";
  const offered = cloud === "COMMUNITY" ? type.community : type.secure;
  const price = cloud === "COMMUNITY" ? type.price.community : type.price.secure;
  const ceiling = cloud === "COMMUNITY" ? type.maxCount.community : type.maxCount.secure;
  const stock = cloud === "COMMUNITY" ? type.stock.community : type.stock.secure;
  if (offered && count > ceiling)
    return problem(
      ctx,
      400,
      "Bad Request",
      `At most ${ceiling} ${type.id} fit on one pod in ${cloud.toLowerCase()} cloud.`,
    );
  if (!offered || !(price > 0) || count > stock - inUse(ctx, type.id, cloud))
    return problem(ctx, 400, "Bad Request", NO_CAPACITY);
  const env = obj(b.env);
  const mounts = obj(b.mounts);
  const volumeGb = b.mounts === undefined ? RUNPOD_STORAGE.defaultVolumeGb : Number(obj(mounts.persistent).size ?? 0);
  const diskGb = Number(b.disk ?? 50);
  const base = {
    provider: "runpod" as const,
    id: hexId(7).slice(0, 14),
    owner,
    name: b.name as string,
    offerId: `${cloud}:${type.id}`,
    gpuName: type.name,
    gpuCount: count,
    region: DATA_CENTER.id,
    kind: "container" as const,
    image: String(b.image ?? ""),
    diskGb,
    sshPublicKey:
      typeof env.PUBLIC_KEY === "string" ? env.PUBLIC_KEY : (ctx.store.keys<string>("runpod", owner).at(-1) ?? null),
    // Running: GPUs, container disk and volume; stopped: the volume alone, at its stopped rate.
    priceMicros:
      usdToMicros(price) * count +
      monthlyPerGbToHourlyMicros(RUNPOD_STORAGE.containerDiskPerGbMonth, diskGb) +
      monthlyPerGbToHourlyMicros(RUNPOD_STORAGE.volumePerGbMonthRunning, volumeGb),
    stoppedPriceMicros: monthlyPerGbToHourlyMicros(RUNPOD_STORAGE.volumePerGbMonthStopped, volumeGb),
    extra: {
      gpuId: type.id,
      cloud,
      volumeGb,
      gpuUsdPerHour: price,
      ports: Array.isArray(b.ports) ? b.ports.map(String) : [],
      env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  ctx.send(201, podView(inst));
}

function catalog(ctx: ApiContext) {
  const include = (ctx.query.get("include") ?? "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  const withAvail = include.includes("AVAILABILITY");
  const product = ctx.query.get("product");
  if (withAvail !== !!product)
    return problem(ctx, 400, "Bad Request", "product is required with include=AVAILABILITY, and valid only with it.");
  // Availability is scoped to one cloud; RunPod's default is SECURE.
  const cloud: Cloud = (ctx.query.get("cloud") ?? "").toUpperCase() === "COMMUNITY" ? "COMMUNITY" : "SECURE";
  return ctx.send(200, {
    gpus: RUNPOD_GPUS.map((t) => {
      const offered = cloud === "COMMUNITY" ? t.community : t.secure;
      const free = offered ? (cloud === "COMMUNITY" ? t.stock.community : t.stock.secure) - inUse(ctx, t.id, cloud) : 0;
      const availability = level(free);
      return {
        id: t.id,
        name: t.name,
        pool: t.pool,
        manufacturer: "NVIDIA",
        memory: t.memory,
        secure: t.secure,
        community: t.community,
        price: t.price,
        maxCount: t.maxCount,
        ...(withAvail
          ? {
              availability,
              ...(free > 0 ? { dataCenters: [{ ...DATA_CENTER, availability }] } : {}),
              cudaVersions: [{ version: "12.8", available: free > 0 }],
            }
          : {}),
      };
    }),
  });
}

export const runpodEmulator: ProviderEmulator = {
  provider: "runpod",
  isCreate: (method, path) => method === "POST" && path.replace(/\/+$/, "") === "/v2/pods",

  fault(kind, ctx, retryAfterS) {
    if (kind === "429")
      problem(
        ctx,
        429,
        "Too Many Requests",
        "rate limit exceeded for the minute window",
        undefined,
        retryAfterHeader(retryAfterS * 1000),
      );
    else problem(ctx, 503, "Service Unavailable", "The service is temporarily unavailable.");
  },

  async handle(ctx) {
    const key = bearer(ctx);
    if (!keyAccepted(key)) return problem(ctx, 401, "Unauthorized", "missing bearer token");
    if (key.startsWith("noperm")) return problem(ctx, 403, "Forbidden", "access denied");
    const { method, path } = ctx;

    if (method === "GET" && match("/v2/catalog/gpus", path)) return catalog(ctx);
    if (match("/v2/account/ssh-keys", path)) {
      const keys = ctx.store.keys<string>("runpod", key);
      if (method === "PUT") {
        const next = obj(ctx.body).keys;
        if (!Array.isArray(next))
          return problem(ctx, 422, "Unprocessable Entity", "Request validation failed.", [
            "$.keys: must be an array of strings",
          ]);
        keys.splice(0, keys.length, ...next.map(String));
      }
      return ctx.send(200, { keys });
    }
    if (method === "GET" && match("/v2/pods", path)) {
      return ctx.send(200, {
        pods: ctx.store
          .list("runpod", key)
          .filter((i) => i.phase !== "destroyed")
          .map(podView),
      });
    }
    if (method === "POST" && match("/v2/pods", path)) return create(ctx, key);

    const one = match("/v2/pods/:id", path);
    const act = match("/v2/pods/:id/action", path);
    const id = one?.id ?? act?.id;
    if (!id) return problem(ctx, 404, "Not Found", "resource not found");
    const inst = ctx.store.get("runpod", id, key);
    if (!inst || inst.phase === "destroyed") return problem(ctx, 404, "Not Found", "pod not found");

    if (one && method === "GET") return ctx.send(200, podView(inst));
    if (one && method === "DELETE") {
      ctx.store.setPhase(inst, "destroyed");
      ctx.res.statusCode = 204;
      return void ctx.res.end();
    }
    if (act && method === "POST") {
      const action = obj(ctx.body).action;
      if (typeof action !== "string" || !["start", "stop", "restart", "terminate"].includes(action)) {
        return problem(ctx, 422, "Unprocessable Entity", "Request validation failed.", [
          "$.action: must be one of start, stop, restart, terminate",
        ]);
      }
      const status = STATUS[inst.phase];
      if (!actionsFor(status).includes(action))
        return problem(ctx, 409, "Conflict", `action ${action} is not valid for a pod in status ${status}`);
      if (action === "terminate") {
        ctx.store.setPhase(inst, "destroyed");
        ctx.res.statusCode = 204;
        return void ctx.res.end();
      }
      if (action === "stop") ctx.store.setPhase(inst, "stopped");
      else ctx.store.setPhase(inst, "starting");
      return ctx.send(200, podView(inst));
    }
    return problem(ctx, 404, "Not Found", "resource not found");
  },
};
